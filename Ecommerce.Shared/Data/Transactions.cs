using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Shared.Data;

public static class Transactions
{
    /// <summary>Runs <paramref name="work"/> in one transaction under the context's retrying execution strategy. A
    /// retried attempt starts from a clean change tracker, so nothing of a failed attempt leaks into the next. A
    /// failure always abandons the whole transaction, so EF Core's automatic savepoints around each SaveChanges would
    /// only add two round trips while the transaction holds its row locks. The commit itself is not canceled: a commit
    /// canceled in flight may still have committed, and the caller would then skip what follows a committed change
    /// (waking the outbox relay, invalidating the catalog) for a change that is in the database. When the connection
    /// breaks as the transaction commits, <paramref name="committed"/> (if given) tells whether it did, so that a change
    /// that is not idempotent is not retried into a refusal after it succeeded.</summary>
    public static Task<T> InTransactionAsync<T>(
        this EcommerceDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken,
        Func<CancellationToken, Task<bool>>? committed = null)
    {
        var attempted = default(T);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            0,
            async (_, _, token) =>
            {
                db.ChangeTracker.Clear();
                db.Database.AutoSavepointsEnabled = false;
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                attempted = await work(token);
                await transaction.CommitAsync(CancellationToken.None);
                return attempted;
            },
            committed is null ? null : async (_, _, token) => new ExecutionResult<T>(await committed(token), attempted!),
            cancellationToken);
    }
}
