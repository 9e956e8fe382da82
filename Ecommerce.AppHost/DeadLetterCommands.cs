using Ecommerce.Shared.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Ecommerce.AppHost;

/// <summary>A dashboard command on each consuming service that moves the messages of its dead-letter queues back into
/// the queues they came from (<see cref="DeadLetters"/>).</summary>
public static class DeadLetterCommands
{
    public static IResourceBuilder<ProjectResource> WithRequeueDeadLettersCommand(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> messaging) =>
        service.WithCommand("requeue-dead-letters", "Requeue dead letters", async context =>
        {
            var connectionString = await messaging.Resource.GetConnectionStringAsync(context.CancellationToken);
            var factory = new ConnectionFactory { Uri = new Uri(connectionString!) };
            await using var connection = await factory.CreateConnectionAsync(context.CancellationToken);
            var moved = await DeadLetters.RequeueAsync(connection, QueueNames.ByService[service.Resource.Name], context.CancellationToken);

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
