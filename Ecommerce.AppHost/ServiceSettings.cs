using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.AppHost;

public static class ServiceSettings
{
    /// <summary>Hands a service every AppHost setting under each of <paramref name="sections"/> (for example
    /// <c>--Orders:ExpireUnpaidAfter=00:05:00</c>), so that tuning one service needs no change to its project.</summary>
    public static IResourceBuilder<ProjectResource> WithSettingsFrom(
        this IResourceBuilder<ProjectResource> service, IConfiguration configuration, IEnumerable<string> sections)
    {
        foreach (var section in sections)
        {
            foreach (var setting in configuration.GetSection(section).AsEnumerable(makePathsRelative: true).Where(s => s.Value is not null))
            {
                service.WithEnvironment($"{section}__{setting.Key.Replace(":", "__")}", setting.Value);
            }
        }

        return service;
    }

    /// <summary>Runs a service in the AppHost's environment instead of the Development of its launch profile, so that
    /// <c>--environment Production</c> on the AppHost runs the whole system as it is deployed.</summary>
    public static IResourceBuilder<ProjectResource> WithEnvironmentOf(
        this IResourceBuilder<ProjectResource> service, IHostEnvironment host) =>
        service
            .WithEnvironment("DOTNET_ENVIRONMENT", host.EnvironmentName)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", host.EnvironmentName);

    /// <summary>Runs <c>Scale:&lt;name&gt;</c> copies of the service (default 1), for example
    /// <c>scripts/run.sh --Scale:api=2</c>. Aspire's manifest carries no replica count, so a deployment sets its own.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicasFrom(
        this IResourceBuilder<ProjectResource> service, IConfiguration configuration)
    {
        var replicas = configuration.GetValue($"Scale:{service.Resource.Name}", 1);
        return replicas switch
        {
            < 1 => throw new InvalidOperationException($"Scale:{service.Resource.Name} must be at least 1, not {replicas}."),
            1 => service,
            _ => service.WithReplicas(replicas),
        };
    }
}
