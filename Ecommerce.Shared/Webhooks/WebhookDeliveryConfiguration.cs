namespace Ecommerce.Shared.Webhooks;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.Property(d => d.EventType).HasMaxLength(100);
        delivery.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        delivery.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'");
    }
}
