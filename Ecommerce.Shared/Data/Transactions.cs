namespace Ecommerce.Shared.Data;

public static class Transactions
{
    /// <summary>Runs <paramref name="work"/> in one transaction under the context's retrying execution strategy. A
    /// retried attempt starts from a clean change tracker, so nothing of a failed attempt leaks into the next. A
    /// failure always abandons the whole transaction, so EF Core's automatic savepoints around each SaveChanges would
    /// only add two round trips while the transaction holds its row locks. The commit itself is not canceled: a commit
    /// canceled in flight may still have committed, and the caller would then skip what follows a committed change
    /// (waking the outbox relay, invalidating the catalog) for a change that is in the database.</summary>
    public static Task<T> InTransactionAsync<T>(
        this EcommerceDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }, cancellationToken);
}
