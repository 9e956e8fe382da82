using Ecommerce.Shared.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Ecommerce.AppHost;

/// <summary>A dashboard command on each consuming service that moves the messages of its dead-letter queues back into
/// the queues they came from, once what made them fail is fixed. Each message is published back with confirms before
/// it is taken off the dead-letter queue, so none is lost on the way.</summary>
public static class DeadLetterCommands
{
    public static IResourceBuilder<ProjectResource> WithRequeueDeadLettersCommand(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> messaging) =>
        service.WithCommand("requeue-dead-letters", "Requeue dead letters", async context =>
        {
            var connectionString = await messaging.Resource.GetConnectionStringAsync(context.CancellationToken);
            var factory = new ConnectionFactory { Uri = new Uri(connectionString!) };
            await using var connection = await factory.CreateConnectionAsync(context.CancellationToken);
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                context.CancellationToken);
            var moved = 0;
            foreach (var queue in QueueNames.ByService[service.Resource.Name])
            {
                while (await channel.BasicGetAsync(QueueNames.DeadLettersOf(queue), autoAck: false, context.CancellationToken) is { } message)
                {
                    await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties(message.BasicProperties), message.Body,
                        context.CancellationToken);
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false, context.CancellationToken);
                    moved++;
                }
            }

            // The count shows in the service's console log on the dashboard.
            context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(service.Resource)
                .LogInformation("Requeued {Count} dead letters", moved);
            return CommandResults.Success();
        }, new CommandOptions
        {
            Description = "Moves every message of the service's dead-letter queues back into the queue it came from",
            IconName = "ArrowRepeatAll",
        });
}
