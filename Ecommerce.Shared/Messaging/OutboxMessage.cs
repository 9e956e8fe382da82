using System.Diagnostics;
using System.Text.Json;
using Ecommerce.Shared.Data;

namespace Ecommerce.Shared.Messaging;

/// <summary>An event waiting to be published, written in the same transaction as the change it announces.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }

    /// <summary>The W3C trace context of the change, so the publish and every consumer continue its trace.</summary>
    public string? TraceParent { get; set; }

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
        db.OutboxMessages.Add(Message(eventType, data, occurredAt));
}
