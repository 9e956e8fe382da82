using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Ecommerce.Shared.Messaging;

public sealed class ConsumerOptions
{
    public const string Section = "Consumer";

    /// <summary>Messages in flight per consumer; also how many are handled at once. The handlers' writes are group
    /// commits, which serve as many messages as are in flight, and a payment waits on its gateway for tens of
    /// milliseconds: a few hundred in flight keep both busy.</summary>
    public ushort Prefetch { get; set; } = 256;

    /// <summary>Attempts per message before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between tries while a dependency is unavailable, so that handling resumes soon after
    /// it is back.</summary>
    public TimeSpan MaxTransientRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The durable queue a consumer reads, and the routing keys or topic patterns bound to it.</summary>
public sealed record EventSubscription(string Queue, IReadOnlyList<string> RoutingKeys);

/// <summary>
/// Consumes one durable queue with manual acks and a bounded prefetch, handing each event to a
/// <typeparamref name="THandler"/>. A message is handled in its own scope and trace (continuing the publisher's). A
/// failure because a dependency is unavailable (<see cref="TransientFailures"/>) keeps the message and tries again,
/// with back-off capped at <see cref="ConsumerOptions.MaxTransientRetryDelay"/>, for as long as it lasts: an outage
/// dead-letters nothing. A failure of the message's own is retried with exponential back-off, and after
/// <see cref="ConsumerOptions.MaxAttempts"/> attempts, or at once when the message cannot be read, it is rejected into
/// the queue's dead-letter queue, so a poison message never blocks the ones behind it.
/// </summary>
public sealed class EventConsumer<THandler>(
    IConnection connection, IServiceScopeFactory scopes, ConsumerOptions options, EventSubscription subscription,
    ILogger<EventConsumer<THandler>> logger)
    : BackgroundService
    where THandler : IEventHandler
{
    private IChannel? _channel;

    private string QueueName => subscription.Queue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(false, false, consumerDispatchConcurrency: options.Prefetch), stoppingToken);
        await Topology.DeclareQueueAsync(_channel, QueueName, subscription.RoutingKeys, stoppingToken);
        await _channel.BasicQosAsync(0, options.Prefetch, global: false, stoppingToken);

        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) => OnReceivedAsync(delivery, stoppingToken);
        await _channel.BasicConsumeAsync(QueueName, autoAck: false, consumer, stoppingToken);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task OnReceivedAsync(BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var channel = _channel!;
        IntegrationEvent? integrationEvent;
        try
        {
            integrationEvent = JsonSerializer.Deserialize<IntegrationEvent>(delivery.Body.Span, EventJson.Options);
        }
        catch (JsonException exception)
        {
            logger.LogError(exception, "Unreadable message {MessageId} on {Queue}; dead-lettering it", delivery.BasicProperties.MessageId, QueueName);
            integrationEvent = null;
        }

        if (integrationEvent is null || integrationEvent.EventId == Guid.Empty)
        {
            await DeadLetterAsync(channel, delivery, stoppingToken);
            return;
        }

        using var activity = EcommerceTelemetry.ActivitySource.StartActivity(
            $"{delivery.RoutingKey} process", ActivityKind.Consumer, TraceContext.Extract(delivery.BasicProperties.Headers));
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", QueueName);
        activity?.SetTag("messaging.message.id", integrationEvent.EventId.ToString());

        var (attempt, unavailable) = (1, 0);
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(integrationEvent, stoppingToken);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && TransientFailures.IsTransient(exception))
            {
                var delay = TimeSpan.FromTicks(Math.Min(
                    options.MaxTransientRetryDelay.Ticks, options.FirstRetryDelay.Ticks << Math.Min(unavailable++, 20)));
                logger.LogWarning(exception, "Handling {EventType} {EventId} failed while a dependency is unavailable; keeping it and trying again in {Delay}",
                    integrationEvent.EventType, integrationEvent.EventId, delay);
                await Task.Delay(delay, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && attempt < options.MaxAttempts)
            {
                var delay = options.FirstRetryDelay * Math.Pow(4, attempt++ - 1);
                logger.LogWarning(exception, "Handling {EventType} {EventId} failed (attempt {Attempt}); retrying in {Delay}",
                    integrationEvent.EventType, integrationEvent.EventId, attempt - 1, delay);
                await Task.Delay(delay, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Handling {EventType} {EventId} failed {Attempts} times; dead-lettering it",
                    integrationEvent.EventType, integrationEvent.EventId, attempt);
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                await DeadLetterAsync(channel, delivery, stoppingToken);
                return;
            }
        }
    }

    private static async Task DeadLetterAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: false, cancellationToken);
        EcommerceTelemetry.EventsDeadLettered.Add(1);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }
}
