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
            new NpgsqlParameter<Guid[]> { TypedValue = events.Select(e => e.Id).ToArray() },
            new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.EventType).ToArray() },
            new NpgsqlParameter<string[]> { TypedValue = events.Select(e => e.Payload).ToArray() },
            new NpgsqlParameter<string?[]> { TypedValue = events.Select(e => e.TraceParent).ToArray() },
            new NpgsqlParameter<DateTime[]> { TypedValue = events.Select(e => e.CreatedAt).ToArray() },
        },
    };
}
