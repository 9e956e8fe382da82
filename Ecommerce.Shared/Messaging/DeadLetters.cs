using RabbitMQ.Client;

namespace Ecommerce.Shared.Messaging;

/// <summary>Moves the messages of dead-letter queues back into the queues they came from, once what made them fail is
/// fixed. Each message is published back with confirms before it is taken off the dead-letter queue, so none is lost
/// on the way. The AppHost's dashboard command and the API's admin route both use it.</summary>
public static class DeadLetters
{
    /// <summary>Returns how many messages went back.</summary>
    public static async Task<int> RequeueAsync(IConnection connection, IEnumerable<string> queues, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var moved = 0;
        foreach (var queue in queues)
        {
            while (await channel.BasicGetAsync(QueueNames.DeadLettersOf(queue), autoAck: false, cancellationToken) is { } message)
            {
                await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties(message.BasicProperties), message.Body,
                    cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                moved++;
            }
        }

        return moved;
    }
}
