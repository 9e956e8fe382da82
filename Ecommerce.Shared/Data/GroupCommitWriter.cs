using System.Diagnostics;
using System.Threading.Channels;
using Ecommerce.Shared.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Data;

/// <summary>
/// Writes items that many concurrent callers submit together (group commit): items that arrive while a write runs go
/// into the next one. Under load one write of a few round trips serves many callers, instead of those round trips for
/// each; an item that arrives alone is written at once, alone. When a write fails for a reason that may be one item's
/// own (<see cref="FailsOnlySome"/>), each of its items is written again alone, so that only that item fails.
/// </summary>
public abstract class GroupCommitWriter<TItem, TResult>(IServiceScopeFactory scopes, string activityName, int maxItemsPerWrite)
    : BackgroundService
{
    private sealed record Pending(TItem Item, ActivityContext Trace, TaskCompletionSource<TResult> Written);

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    // Every write runs in the same scope, so with the same database context. Npgsql keeps each connection's last
    // batch, with its commands and parameters, for reuse; with a pooled context per write, every context in the pool
    // came to hold a write of hundreds of statements (70 MB of parameters after a few order runs at 256 connections).
    private readonly AsyncServiceScope _scope = scopes.CreateAsyncScope();

    /// <summary>Writes <paramref name="items"/> in one unit, with the writer's services, and returns one result for
    /// each, in their order.</summary>
    protected abstract Task<IReadOnlyList<TResult>> WriteAsync(
        IServiceProvider services, IReadOnlyList<TItem> items, CancellationToken cancellationToken);

    /// <summary>Whether a write that failed with <paramref name="exception"/> may succeed for some of its items alone: by
    /// default an error of the database that is not transient, such as a violated constraint, which may be one item's
    /// own.</summary>
    protected virtual bool FailsOnlySome(Exception exception) => exception is PostgresException { IsTransient: false };

    /// <summary>Completes once a write that holds the item has finished. A canceled wait does not take the item back.</summary>
    protected Task<TResult> SubmitAsync(TItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, Activity.Current?.Context ?? default,
            new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        return _pending.Writer.TryWrite(pending)
            ? pending.Written.Task.WaitAsync(cancellationToken)
            : Task.FromException<TResult>(new OperationCanceledException($"The writer of {activityName} has stopped."));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>();
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < maxItemsPerWrite && _pending.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await WriteBatchAsync(batch, stoppingToken);
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

            batch.ForEach(p => p.Written.TrySetCanceled(stoppingToken));
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        // A lone item's write belongs to its caller's trace; a shared write links every caller it serves.
        using var activity = EcommerceTelemetry.ActivitySource.StartActivity(activityName, ActivityKind.Internal,
            batch.Count == 1 ? batch[0].Trace : default, links: batch.Count == 1 ? null : batch.Select(p => new ActivityLink(p.Trace)));
        activity?.SetTag("ecommerce.group_commit.items", batch.Count);
        try
        {
            var results = await WriteAsync(_scope.ServiceProvider, batch.Select(p => p.Item).ToList(), cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Written.TrySetResult(results[i]);
            }
        }
        catch (Exception exception) when (batch.Count > 1 && FailsOnlySome(exception))
        {
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending], cancellationToken);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Written.TrySetException(exception);
            }
        }
    }

    public override void Dispose()
    {
        _scope.Dispose();
        base.Dispose();
    }
}
