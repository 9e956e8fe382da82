using Ecommerce.Shared.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Demo;

public static class DemoCatalogSeeding
{
    /// <summary>In Development, unless <c>Seed:Demo</c> is false, an empty catalog starts as the demo catalog.</summary>
    public static async Task SeedDemoCatalogAsync(
        this IServiceProvider services, IHostEnvironment environment, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || !configuration.GetValue(DemoCatalog.Setting, defaultValue: true))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        await db.OnConnectionAsync(async connection =>
        {
            await DemoCatalog.SeedAsync(connection, onlyIntoAnEmptyCatalog: true, cancellationToken);
            return true;
        }, cancellationToken);
    }
}
