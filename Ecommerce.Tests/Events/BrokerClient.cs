using Ecommerce.Shared.Messaging;
using RabbitMQ.Client;

namespace Ecommerce.Tests.Events;

/// <summary>A direct connection to the test run's RabbitMQ, for what no API shows: dead-letter queues and raw messages.</summary>
public static class BrokerClient
{
    public static async Task<IConnection> ConnectAsync(AppHostInstance fixture)
    {
        var connectionString = await fixture.App.GetConnectionStringAsync("rabbitmq", TestContext.Current.CancellationToken);
        return await new ConnectionFactory { Uri = new Uri(connectionString!) }.CreateConnectionAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<uint> MessageCountAsync(IChannel channel, string queue) =>
        (await channel.QueueDeclarePassiveAsync(queue, TestContext.Current.CancellationToken)).MessageCount;

    /// <summary>The messages in every dead-letter queue of the services.</summary>
    public static async Task<long> DeadLettersAsync(IChannel channel)
    {
        long total = 0;
        foreach (var queue in QueueNames.All)
        {
            total += await MessageCountAsync(channel, QueueNames.DeadLettersOf(queue));
        }

        return total;
    }
}
