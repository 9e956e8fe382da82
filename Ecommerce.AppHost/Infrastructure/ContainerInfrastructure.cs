using Ecommerce.Shared;
namespace Ecommerce.AppHost.Infrastructure;

public static class ContainerInfrastructure
{
    /// <summary>The Aspire hosting integrations: what runs wherever a container runtime answers and what azd deploys.
    /// Data volumes and the admin tools are added in run mode only: a deployment brings its own storage (Azure
    /// Container Apps cannot mount a volume that PostgreSQL accepts), or managed servers.</summary>
    public static EcommerceInfrastructure AddContainerInfrastructure(
        this IDistributedApplicationBuilder builder, InfrastructureSecrets secrets)
    {
        var postgres = builder.AddPostgres("postgres", password: secrets.PostgresPassword);
        var database = postgres.AddDatabase(ConnectionNames.Database);
        var redis = builder.AddRedis(ConnectionNames.Cache, password: secrets.RedisPassword);
        var rabbitmq = builder.AddRabbitMQ(ConnectionNames.Messaging, password: secrets.RabbitMQPassword);
        if (builder.ExecutionContext.IsRunMode)
        {
            postgres.WithDataVolume().WithPgAdmin();
            redis.WithDataVolume().WithRedisInsight();
            rabbitmq.WithDataVolume().WithManagementPlugin();
        }

        return new EcommerceInfrastructure(database, redis, rabbitmq);
    }
}
