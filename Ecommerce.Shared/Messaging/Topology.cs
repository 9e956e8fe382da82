using RabbitMQ.Client;

namespace Ecommerce.Shared.Messaging;

public static class Topology
{
    /// <summary>The topic exchange every event is published on, with its type as the routing key.</summary>
    public const string Exchange = "ecommerce.events";

    public static Task DeclareExchangeAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false,
            cancellationToken: cancellationToken);

    /// <summary>A durable queue bound to <paramref name="routingKeys"/>, whose rejected messages go to its own
    /// <c>&lt;queue&gt;.dlq</c> through the default exchange.</summary>
    public static async Task DeclareQueueAsync(
        IChannel channel, string queue, IEnumerable<string> routingKeys, CancellationToken cancellationToken)
    {
        await DeclareExchangeAsync(channel, cancellationToken);
        await channel.QueueDeclareAsync(QueueNames.DeadLettersOf(queue), durable: true, exclusive: false, autoDelete: false,
            cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = QueueNames.DeadLettersOf(queue),
            },
            cancellationToken: cancellationToken);
        foreach (var routingKey in routingKeys)
        {
            await channel.QueueBindAsync(queue, Exchange, routingKey, cancellationToken: cancellationToken);
        }
    }
}
