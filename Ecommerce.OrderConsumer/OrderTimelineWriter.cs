using System.Diagnostics;
using System.Threading.Channels;
using Ecommerce.Domain.Data;
using Ecommerce.Domain.Messaging;
using Ecommerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ecommerce.OrderConsumer;

/// <summary>
/// Records timeline entries for all of the consumer's concurrent handlers together (group commit): entries that
/// arrive while a write runs go into the next one. Under load one statement records many events, instead of a
/// transaction of three round trips per event; an entry that arrives alone costs one statement. The event id is
/// unique, so the statement itself skips an event recorded before, and no separate inbox record is needed.
/// </summary>
public sealed class OrderTimelineWriter(IServiceScopeFactory scopes) : BackgroundService
{
    private const int MaxEntriesPerStatement = 500;

    private sealed record Pending(OrderTimelineEntry Entry, ActivityContext Trace, TaskCompletionSource<bool> Recorded);

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Returns true when this call recorded the entry, false when its event was on the timeline already.</summary>
    public Task<bool> RecordAsync(OrderTimelineEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, Activity.Current?.Context ?? default,
            new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _pending.Writer.TryWrite(pending)
            ? pending.Recorded.Task.WaitAsync(cancellationToken)
            : Task.FromException<bool>(new OperationCanceledException("The timeline writer has stopped."));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxEntriesPerStatement && _pending.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        finally
        {
            _pending.Writer.TryComplete();
            while (_pending.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            batch.ForEach(p => p.Recorded.TrySetCanceled(stoppingToken));
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        // A lone entry's write belongs to its message's trace; a shared write links every message it records.
        using var activity = EcommerceTelemetry.ActivitySource.StartActivity("order_timeline write", ActivityKind.Internal,
            batch.Count == 1 ? batch[0].Trace : default, links: batch.Count == 1 ? null : batch.Select(p => new ActivityLink(p.Trace)));
        activity?.SetTag("ecommerce.timeline.entries", batch.Count);
        try
        {
            var recorded = await InsertAsync(batch.Select(p => p.Entry).ToList(), cancellationToken);
            foreach (var pending in batch)
            {
                pending.Recorded.TrySetResult(recorded.Contains(pending.Entry.EventId));
            }
        }
        catch (PostgresException exception) when (!exception.IsTransient && batch.Count > 1)
        {
            // One entry the database rejects must fail only its own event, not the others written with it.
            foreach (var pending in batch)
            {
                await WriteAsync([pending], cancellationToken);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Recorded.TrySetException(exception);
            }
        }
    }

    private async Task<HashSet<Guid>> InsertAsync(List<OrderTimelineEntry> entries, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        var (orderIds, eventIds, types, occurredAt, details, traceIds) = (
            entries.Select(e => e.OrderId).ToArray(), entries.Select(e => e.EventId).ToArray(),
            entries.Select(e => e.Type).ToArray(), entries.Select(e => e.OccurredAt).ToArray(),
            entries.Select(e => e.Detail).ToArray(), entries.Select(e => e.TraceId).ToArray());
        var recorded = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO order_timeline (order_id, event_id, type, occurred_at, detail, trace_id)
            SELECT * FROM unnest({orderIds}, {eventIds}, {types}, {occurredAt}, {details}::jsonb[], {traceIds})
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id AS "Value"
            """).ToListAsync(cancellationToken);
        return [.. recorded];
    }
}
