using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Shared.Data;

public static class DatabaseMigration
{
    /// <summary>Applies pending migrations before the service answers. EF Core takes a database lock while migrating,
    /// so replicas that start together apply each migration once.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
