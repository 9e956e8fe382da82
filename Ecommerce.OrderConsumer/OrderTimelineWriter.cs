using Ecommerce.Shared.Orders;

namespace Ecommerce.OrderConsumer;

/// <summary>
/// Records timeline entries for all of the consumer's concurrent handlers together (group commit). Under load one
/// statement records many events, instead of a transaction of three round trips per event; an entry that arrives alone
/// costs one statement. The event id is unique, so the statement itself skips an event recorded before, and no
/// separate inbox record is needed.
/// </summary>
public sealed class OrderTimelineWriter(IServiceScopeFactory scopes)
    : GroupCommitWriter<OrderTimelineEntry, bool>(scopes, "order_timeline write", maxItemsPerWrite: 500)
{
    /// <summary>Returns true when this call recorded the entry, false when its event was on the timeline already.</summary>
    public Task<bool> RecordAsync(OrderTimelineEntry entry, CancellationToken cancellationToken) => SubmitAsync(entry, cancellationToken);

    protected override async Task<IReadOnlyList<bool>> WriteAsync(
        IServiceProvider services, IReadOnlyList<OrderTimelineEntry> entries, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EcommerceDbContext>();
        var recorded = await db.OnConnectionAsync(async connection =>
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO order_timeline (order_id, event_id, type, occurred_at, detail, trace_id)
                SELECT * FROM unnest($1, $2, $3, $4, $5::jsonb[], $6)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
                """, connection)
            {
                Parameters =
                {
                    entries.Column(e => e.OrderId), entries.Column(e => e.EventId), entries.Column(e => e.Type),
                    entries.Column(e => e.OccurredAt), entries.Column(e => e.Detail), entries.Column(e => e.TraceId),
                },
            };
            var inserted = new HashSet<Guid>(entries.Count);
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                inserted.Add(reader.GetGuid(0));
            }

            return inserted;
        }, cancellationToken);
        return entries.Select(e => recorded.Contains(e.EventId)).ToList();
    }
}
