namespace Ecommerce.Shared.Webhooks;

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("webhook_attempts");
        attempt.Property(a => a.EventType).HasMaxLength(100);
        attempt.Property(a => a.Error).HasMaxLength(500);
        attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasIndex(a => new { a.SubscriptionId, a.DeliveredAt });
    }
}
