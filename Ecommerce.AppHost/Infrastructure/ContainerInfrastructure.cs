using Ecommerce.Shared;
namespace Ecommerce.AppHost.Infrastructure;

public static class ContainerInfrastructure
{
    /// <summary>The Aspire hosting integrations: what runs wherever a container runtime answers and what azd deploys.
    /// The admin tools are added in run mode only.</summary>
    public static EcommerceInfrastructure AddContainerInfrastructure(
        this IDistributedApplicationBuilder builder, InfrastructureSecrets secrets)
    {
        var postgres = builder.AddPostgres("postgres", password: secrets.PostgresPassword)
            .WithDataVolume()
            .WithPgAdmin();
        var database = postgres.AddDatabase(ConnectionNames.Database);

        var redis = builder.AddRedis(ConnectionNames.Cache, password: secrets.RedisPassword)
            .WithDataVolume()
            .WithRedisInsight();

        var rabbitmq = builder.AddRabbitMQ(ConnectionNames.Messaging, password: secrets.RabbitMQPassword)
            .WithDataVolume()
            .WithManagementPlugin();

        return new EcommerceInfrastructure(database, redis, rabbitmq);
    }
}
