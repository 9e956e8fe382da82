using Ecommerce.Shared.Data;

namespace Ecommerce.Shared.Messaging;

/// <summary>The statement that saves many outbox rows at once, for the writers that save their rows as SQL (group
/// commits) rather than through EF Core's change tracker.</summary>
public static class OutboxRows
{
    /// <summary>The columns the statement writes, in the order of its parameters. Written by hand, so a test holds them
    /// against the EF Core model.</summary>
    public static readonly string[] Columns = ["id", "event_type", "payload", "trace_parent", "created_at"];

    // The payload arrives as text and is stored as jsonb.
    private static readonly string Insert = $"""
        INSERT INTO outbox_messages ({string.Join(", ", Columns)})
        SELECT id, event_type, payload::jsonb, trace_parent, created_at
        FROM unnest($1, $2, $3, $4, $5) AS e({string.Join(", ", Columns)})
        """;

    public static NpgsqlBatchCommand InsertStatement(IReadOnlyCollection<OutboxMessage> events) => new(Insert)
    {
        Parameters =
        {
            events.Column(e => e.Id), events.Column(e => e.EventType), events.Column(e => e.Payload),
            events.Column(e => e.TraceParent), events.Column(e => e.CreatedAt),
        },
    };
}
