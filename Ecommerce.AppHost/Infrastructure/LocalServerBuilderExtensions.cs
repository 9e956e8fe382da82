using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.AppHost.Infrastructure;

public static class LocalServerBuilderExtensions
{
    /// <summary>Adds a server run by one of the scripts in <c>Infrastructure/Scripts</c>. The script receives the data
    /// folder, then the allocated ports of <paramref name="endpointNames"/> in order, then <paramref name="extraArgs"/>,
    /// and the password in <c>SERVER_PASSWORD</c>.</summary>
    public static IResourceBuilder<LocalServerResource> AddLocalServer(
        this IDistributedApplicationBuilder builder,
        string name,
        string dataDirectory,
        IResourceBuilder<ParameterResource> password,
        Func<EndpointReference, ReferenceExpression> connectionString,
        Func<string, CancellationToken, Task> connect,
        string[]? extraEndpointNames = null,
        string[]? extraArgs = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Scripts", $"{name}.sh");
        var resource = new LocalServerResource(name, builder.AppHostDirectory, connectionString);
        var endpointNames = new[] { LocalServerResource.EndpointName }.Concat(extraEndpointNames ?? []).ToArray();

        var healthCheckKey = $"{name}_connects";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new LocalServerHealthCheck(resource, connect), failureStatus: null, tags: null));

        var server = builder.AddResource(resource)
            .WithEnvironment("SERVER_PASSWORD", password)
            .WithArgs(context =>
            {
                context.Args.Add(script);
                context.Args.Add(Path.Combine(dataDirectory, name));
                foreach (var endpointName in endpointNames)
                {
                    context.Args.Add(resource.GetEndpoint(endpointName).Property(EndpointProperty.TargetPort));
                }

                foreach (var arg in extraArgs ?? [])
                {
                    context.Args.Add(arg);
                }
            })
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();

        foreach (var endpointName in endpointNames)
        {
            server.WithEndpoint(name: endpointName, scheme: "tcp", isProxied: false);
        }

        return server;
    }
}
