using Ecommerce.Domain.Data;
using Ecommerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    /// <summary>An entry the database rejects fails only its own event, not the others written with it.</summary>
    protected override bool FailsOnlySome(Exception exception) => exception is PostgresException { IsTransient: false };

    protected override async Task<IReadOnlyList<bool>> WriteAsync(
        IServiceProvider services, IReadOnlyList<OrderTimelineEntry> entries, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EcommerceDbContext>();
        var (orderIds, eventIds, types, occurredAt, details, traceIds) = (
            entries.Select(e => e.OrderId).ToArray(), entries.Select(e => e.EventId).ToArray(),
            entries.Select(e => e.Type).ToArray(), entries.Select(e => e.OccurredAt).ToArray(),
            entries.Select(e => e.Detail).ToArray(), entries.Select(e => e.TraceId).ToArray());
        var recorded = (await db.Database.SqlQuery<Guid>($"""
            INSERT INTO order_timeline (order_id, event_id, type, occurred_at, detail, trace_id)
            SELECT * FROM unnest({orderIds}, {eventIds}, {types}, {occurredAt}, {details}::jsonb[], {traceIds})
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id AS "Value"
            """).ToListAsync(cancellationToken)).ToHashSet();
        return entries.Select(e => recorded.Contains(e.EventId)).ToList();
    }
}
