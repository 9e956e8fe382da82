using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Data;

/// <summary>
/// Builds the data model and opens a pooled connection before the service's consumers and writers start: a replica
/// restarted under load otherwise spent its first seconds on that with messages in hand, and every order whose events
/// it had taken waited. Bounded, and a database that does not answer yet is left to the retries of the work itself.
/// </summary>
internal sealed class DatabaseWarmUp(IServiceScopeFactory scopes, ILogger<DatabaseWarmUp> logger) : IHostedService
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
            await db.Orders.AsNoTracking().AnyAsync(bounded.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "The database did not answer the warm-up; starting anyway");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
