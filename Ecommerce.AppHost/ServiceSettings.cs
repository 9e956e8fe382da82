using Microsoft.Extensions.Configuration;

namespace Ecommerce.AppHost;

public static class ServiceSettings
{
    /// <summary>Hands a service every AppHost setting under <paramref name="section"/> (for example
    /// <c>--Orders:ExpireUnpaidAfter=00:05:00</c>), so that tuning one service needs no change to its project.</summary>
    public static IResourceBuilder<ProjectResource> WithSettingsFrom(
        this IResourceBuilder<ProjectResource> service, IConfiguration configuration, string section)
    {
        foreach (var setting in configuration.GetSection(section).AsEnumerable(makePathsRelative: true).Where(s => s.Value is not null))
        {
            service.WithEnvironment($"{section}__{setting.Key.Replace(":", "__")}", setting.Value);
        }

        return service;
    }
}
