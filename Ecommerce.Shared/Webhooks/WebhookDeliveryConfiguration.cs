namespace Ecommerce.Shared.Webhooks;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'");
    }
}
