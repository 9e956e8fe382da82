namespace Ecommerce.Shared.Webhooks;

/// <summary>One try to deliver, as the delivery log shows it.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public long SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    public int Attempt { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
    public DateTime DeliveredAt { get; set; }
}
