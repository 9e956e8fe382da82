namespace Ecommerce.Shared.Webhooks;

/// <summary>One try to deliver, as the delivery log shows it.</summary>
[Table("webhook_attempts")]
[Index(nameof(SubscriptionId), nameof(DeliveredAt))]
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public long SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    [MaxLength(100)] public required string EventType { get; set; }
    public int Attempt { get; set; }
    public int? StatusCode { get; set; }
    [MaxLength(500)] public string? Error { get; set; }
    public int DurationMs { get; set; }
    public DateTime DeliveredAt { get; set; }
}
