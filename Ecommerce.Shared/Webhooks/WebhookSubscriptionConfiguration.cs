namespace Ecommerce.Shared.Webhooks;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> subscription)
    {
        subscription.ToTable("webhook_subscriptions");
        subscription.Property(s => s.Url).HasMaxLength(2000);
        subscription.Property(s => s.Description).HasMaxLength(500);
        subscription.Property(s => s.Secret).HasMaxLength(200);
    }
}
