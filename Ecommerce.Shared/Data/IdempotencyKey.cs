namespace Ecommerce.Shared.Data;

/// <summary>
/// A client's idempotency key with a hash of the request it came with. The record is saved in the same transaction as
/// the effect, under a unique (user, operation, key) index: a concurrent twin waits for the first and then fails its
/// insert, which rolls back everything the twin did. The HTTP layer reads it from the request
/// (<c>IdempotencyKeyHeader</c>); the writers only record it.
/// </summary>
public sealed record IdempotencyKey(int UserId, string Operation, string Key, string RequestHash)
{
    public Task<IdempotencyRecord?> FindAsync(EcommerceDbContext db, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserId == UserId && r.Operation == Operation && r.Key == Key, cancellationToken);

    /// <summary>The record of the twin whose insert won the unique index, after this request's insert lost.</summary>
    public async Task<IdempotencyRecord> WinnerAsync(EcommerceDbContext db, Exception lost, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await FindAsync(db, cancellationToken)
            ?? throw new InvalidOperationException("An idempotency conflict without a record.", lost);
    }

    public bool Matches(IdempotencyRecord record) => record.RequestHash == RequestHash;

    public void Record(EcommerceDbContext db, long resourceId, DateTime now) => db.IdempotencyRecords.Add(RecordOf(resourceId, now));

    /// <summary>The record that this key's request created <paramref name="resourceId"/>.</summary>
    public IdempotencyRecord RecordOf(long resourceId, DateTime now) => new()
    {
        UserId = UserId,
        Operation = Operation,
        Key = Key,
        RequestHash = RequestHash,
        ResourceId = resourceId,
        CreatedAt = now,
    };
}
