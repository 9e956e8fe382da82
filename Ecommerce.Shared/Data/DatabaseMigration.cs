using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Shared.Data;

public static class DatabaseMigration
{
    /// <summary>An arbitrary key of PostgreSQL's advisory locks, held by whoever applies the migrations.</summary>
    private const long MigrationLock = 0x45636F6D6D657263;

    /// <summary>Applies pending migrations before the service answers. Replicas that start together take turns under
    /// one advisory lock, held on the connection that migrates: the lock of EF Core's Npgsql provider did not keep a
    /// second replica from applying a migration that the first had just applied, and that replica crashed.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                // Closing the connection returns it to the pool, where the lock would stay with its session.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
