using Ecommerce.Shared.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Data;

public sealed class EventRetentionOptions
{
    public const string Section = "Events";

    /// <summary>How long a published outbox row and a consumer's record of an applied event are kept. A record must
    /// outlive any redelivery of its event, or the event would be applied again.</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class IdempotencyRetentionOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a request's <c>Idempotency-Key</c> is remembered: a retry within this time replays the first
    /// answer, a request after it is a new request. 24 hours is what payment APIs promise.</summary>
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>
/// Deletes published outbox rows and processed-event records once they are older than
/// <see cref="EventRetentionOptions.RetainFor"/>, and idempotency records once older than
/// <see cref="IdempotencyRetentionOptions.RetainFor"/>; without it these tables grow by every event and every keyed
/// request for good. It deletes in batches, each its own statement, so that no pass holds many row locks or one long
/// transaction. Unpublished rows are never touched, however old.
/// </summary>
public sealed class RecordRetention(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<EventRetentionOptions> options,
    IOptions<IdempotencyRetentionOptions> idempotency, ILogger<RecordRetention> logger)
    : PeriodicJob(options.Value.PruneInterval, clock, logger)
{
    private const int BatchSize = 5000;

    protected override string Description => "Pruning old event and idempotency records";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        var cutoff = Clock.GetUtcNow() - options.Value.RetainFor;
        // Event ids are version 7 UUIDs, which sort by their creation time, so the primary key finds the old rows
        // without an index on published_at that every publish would have to update.
        var cutoffId = Guid.CreateVersion7(cutoff);
        var published = await DeleteInBatchesAsync(() => db.Database.ExecuteSqlAsync($"""
            DELETE FROM outbox_messages WHERE id IN (
                SELECT id FROM outbox_messages WHERE id < {cutoffId} AND published_at IS NOT NULL ORDER BY id LIMIT {BatchSize})
            """, cancellationToken));
        var processedBefore = cutoff.UtcDateTime;
        var processed = await DeleteInBatchesAsync(() =>
            db.ProcessedEvents.Where(p => p.ProcessedAt < processedBefore).OrderBy(p => p.ProcessedAt).Take(BatchSize).ExecuteDeleteAsync(cancellationToken));
        var keysBefore = (Clock.GetUtcNow() - idempotency.Value.RetainFor).UtcDateTime;
        var keys = await DeleteInBatchesAsync(() =>
            db.IdempotencyRecords.Where(r => r.CreatedAt < keysBefore).OrderBy(r => r.CreatedAt).Take(BatchSize).ExecuteDeleteAsync(cancellationToken));
        if (published + processed + keys > 0)
        {
            Logger.LogInformation("Pruned {Published} published outbox rows, {Processed} processed-event records and {Keys} idempotency records",
                published, processed, keys);
        }
    }

    private static async Task<int> DeleteInBatchesAsync(Func<Task<int>> deleteBatch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch();
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }
}
