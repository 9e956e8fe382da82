using Aspire.Hosting.Eventing;
using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.AppHost;

/// <summary>
/// Restricts the dashboard that the AppHost runs to the host names in <see cref="Allowed"/>. Any other <c>Host</c>
/// header gets a 400, so a web page that points its own name at 127.0.0.1 (DNS rebinding) cannot reach the dashboard
/// through a developer's browser. The browser token and the API keys stay in force whatever the host.
/// </summary>
public sealed class DashboardHosts : IDistributedApplicationEventingSubscriber
{
    public const string Allowed = "localhost;127.0.0.1;[::1]";

    private const string DashboardResourceName = "aspire-dashboard";

    // A subscriber registered after the AppHost's own dashboard subscriber, so the dashboard resource exists when this
    // one sees the model.
    public Task SubscribeAsync(IDistributedApplicationEventing eventing, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            var dashboard = start.Model.Resources.SingleOrDefault(r => r.Name == DashboardResourceName);
            dashboard?.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables["AllowedHosts"] = Allowed));
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }
}

public static class DashboardHostsExtensions
{
    public static IDistributedApplicationBuilder RestrictDashboardHosts(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddEventingSubscriber<DashboardHosts>();
        return builder;
    }
}
