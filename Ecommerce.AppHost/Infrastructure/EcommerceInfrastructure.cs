namespace Ecommerce.AppHost.Infrastructure;

/// <summary>The three servers the services use, whichever way they are provided. The services find them under the
/// names in <see cref="ConnectionNames"/>.</summary>
public sealed record EcommerceInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IResourceBuilder<IResourceWithConnectionString> Messaging);

public sealed record InfrastructureSecrets(
    IResourceBuilder<ParameterResource> PostgresPassword,
    IResourceBuilder<ParameterResource> RedisPassword,
    IResourceBuilder<ParameterResource> RabbitMQPassword);

public static class InfrastructureBuilderExtensions
{
    public const string DataPathKey = "Infrastructure:DataPath";

    public static EcommerceInfrastructure AddEcommerceInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var secrets = new InfrastructureSecrets(
            builder.AddGeneratedSecret("postgres-password"),
            builder.AddGeneratedSecret("redis-password"),
            builder.AddGeneratedSecret("rabbitmq-password"));

        return InfrastructureModeSelector.Select(builder) switch
        {
            InfrastructureMode.Local => builder.AddLocalInfrastructure(secrets, DataDirectory(builder)),
            _ => builder.AddContainerInfrastructure(secrets),
        };
    }

    /// <summary>A secret parameter that is generated once and kept in the AppHost's user secrets, so that a restart
    /// finds the servers' persisted data still readable. Set <c>Parameters:NAME</c> to choose it yourself.</summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

    private static string DataDirectory(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[DataPathKey] ?? Path.Combine(builder.AppHostDirectory, "..", ".data"));
}
