using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.AppHost.Infrastructure;

/// <summary>Healthy only when a real client connects with the resource's current connection string, so that
/// <c>WaitFor</c> means "ready to serve", not "process started".</summary>
public sealed class LocalServerHealthCheck(
    IResourceWithConnectionString resource,
    Func<string, CancellationToken, Task> connect) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await resource.GetConnectionStringAsync(cancellationToken);
        if (string.IsNullOrEmpty(connectionString))
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} has no connection string yet.");
        }

        try
        {
            await connect(connectionString, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} does not accept connections yet.", exception);
        }
    }
}
