namespace Ecommerce.Shared.Webhooks;

/// <summary>One event owed to one subscription, until it is delivered or its retries run out.</summary>
[Table("webhook_deliveries")]
[Index(nameof(SubscriptionId), nameof(EventId), IsUnique = true)]
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    [MaxLength(100)] public required string EventType { get; set; }

    /// <summary>The exact body sent and signed: <c>{event_id, event_type, occurred_at, data}</c>.</summary>
    public required string Body { get; set; }

    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Until when a dispatcher holds the delivery; another takes it over only after that.</summary>
    public DateTime? LockedUntil { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}
