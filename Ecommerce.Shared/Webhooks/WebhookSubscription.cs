namespace Ecommerce.Shared.Webhooks;

/// <summary>An outside system that receives the events matching <see cref="Events"/> at <see cref="Url"/>.</summary>
[Table("webhook_subscriptions")]
public sealed class WebhookSubscription
{
    public long Id { get; set; }
    [MaxLength(2000)] public required string Url { get; set; }

    /// <summary>Routing keys or topic patterns: <c>*</c> is one word, <c>#</c> any number of words.</summary>
    public required string[] Events { get; set; }

    /// <summary><see cref="Events"/> as one anchored regular expression, for the database to match event types with.</summary>
    public required string EventPattern { get; set; }

    [MaxLength(500)] public string? Description { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>The signing secret, <c>whsec_</c> and base64; shown to the admin once, kept to sign deliveries.</summary>
    [MaxLength(200)] public required string Secret { get; set; }

    public DateTime CreatedAt { get; set; }
}
