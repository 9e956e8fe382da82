using Ecommerce.Shared;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace Ecommerce.AppHost.Infrastructure;

public static class LocalInfrastructure
{
    private const string Loopback = "127.0.0.1";

    /// <summary>PostgreSQL, Redis and RabbitMQ from the machine's packages, for machines without a container runtime.
    /// Their data lives under <paramref name="dataDirectory"/>, one folder per server.</summary>
    public static EcommerceInfrastructure AddLocalInfrastructure(
        this IDistributedApplicationBuilder builder, InfrastructureSecrets secrets, string dataDirectory)
    {
        var postgres = builder.AddLocalServer(
            "postgres",
            dataDirectory,
            secrets.PostgresPassword,
            endpoint => ReferenceExpression.Create(
                $"Host={Loopback};Port={endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={secrets.PostgresPassword.Resource};Database={ConnectionNames.Database}"),
            ConnectToPostgresAsync,
            extraArgs: [ConnectionNames.Database]);

        var redis = builder.AddLocalServer(
            ConnectionNames.Cache,
            dataDirectory,
            secrets.RedisPassword,
            endpoint => ReferenceExpression.Create(
                $"{Loopback}:{endpoint.Property(EndpointProperty.Port)},password={secrets.RedisPassword.Resource}"),
            ConnectToRedisAsync);

        var rabbitmq = builder.AddLocalServer(
            ConnectionNames.Messaging,
            dataDirectory,
            secrets.RabbitMQPassword,
            endpoint => ReferenceExpression.Create(
                $"amqp://guest:{secrets.RabbitMQPassword.Resource}@{Loopback}:{endpoint.Property(EndpointProperty.Port)}"),
            ConnectToRabbitMQAsync,
            extraEndpointNames: ["distribution"]);

        return new EcommerceInfrastructure(postgres, redis, rabbitmq);
    }

    private static async Task ConnectToPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ConnectToRedisAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        await connection.GetDatabase().PingAsync();
    }

    private static async Task ConnectToRabbitMQAsync(string connectionString, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
    }
}
