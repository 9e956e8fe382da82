using System.Diagnostics;
using System.Text.Json;
using Ecommerce.Shared.Data;

namespace Ecommerce.Shared.Messaging;

/// <summary>An event waiting to be published, written in the same transaction as the change it announces.</summary>
[Table("outbox_messages")]
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    [MaxLength(50)] public required string EventType { get; set; }
    [Column(TypeName = "jsonb")] public required string Payload { get; set; }

    /// <summary>The W3C trace context of the change, so the publish and every consumer continue its trace.</summary>
    [MaxLength(64)] public string? TraceParent { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
}

public static class Outbox
{
    /// <summary>The outbox row that announces an event. The event continues <paramref name="traceParent"/>, by default
    /// the current activity's trace.</summary>
    public static OutboxMessage Message<TData>(string eventType, TData data, DateTime occurredAt, string? traceParent = null)
    {
        var integrationEvent = new IntegrationEvent(
            Guid.CreateVersion7(), eventType, occurredAt, JsonSerializer.SerializeToElement(data, EventJson.Options));
        return new OutboxMessage
        {
            Id = integrationEvent.EventId,
            EventType = eventType,
            Payload = JsonSerializer.Serialize(integrationEvent, EventJson.Options),
            TraceParent = traceParent ?? Activity.Current?.Id,
            CreatedAt = occurredAt,
        };
    }

    /// <summary>Adds an event to the outbox; it is saved, and later published, only if the caller's transaction
    /// commits.</summary>
    public static void AddEvent<TData>(this EcommerceDbContext db, string eventType, TData data, DateTime occurredAt) =>
        db.Set<OutboxMessage>().Add(Message(eventType, data, occurredAt));
}
