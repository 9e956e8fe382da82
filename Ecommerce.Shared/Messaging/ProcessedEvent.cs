using Ecommerce.Shared.Data;

namespace Ecommerce.Shared.Messaging;

/// <summary>An event a consumer has applied, recorded in the same transaction as its effect.</summary>
[Table("processed_events")]
[PrimaryKey(nameof(Consumer), nameof(EventId))]
// For pruning old records (RecordRetention); only the consumers that record events pay for it.
[Index(nameof(ProcessedAt))]
public sealed class ProcessedEvent
{
    [MaxLength(100)] public required string Consumer { get; set; }
    public Guid EventId { get; set; }
    public DateTime ProcessedAt { get; set; }
}

public static class Inbox
{
    /// <summary>Applies <paramref name="effect"/> and records the event in one transaction, unless this consumer has
    /// applied it already. Returns false for a duplicate.</summary>
    public static async Task<bool> ApplyOnceAsync(
        this EcommerceDbContext db, string consumer, IntegrationEvent integrationEvent, TimeProvider clock,
        Func<CancellationToken, Task> effect, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async token =>
            {
                if (await db.ProcessedEvents.AnyAsync(p => p.Consumer == consumer && p.EventId == integrationEvent.EventId, token))
                {
                    return false;
                }

                await effect(token);
                db.ProcessedEvents.Add(new ProcessedEvent
                {
                    Consumer = consumer,
                    EventId = integrationEvent.EventId,
                    ProcessedAt = clock.UtcNowForDatabase(),
                });
                await db.SaveChangesAsync(token);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // The same event, delivered twice at once, was applied by the other delivery.
            return false;
        }
    }
}
