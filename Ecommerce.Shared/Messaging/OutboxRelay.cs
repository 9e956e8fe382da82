using System.Diagnostics;
using System.Text;
using Ecommerce.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Ecommerce.Shared.Messaging;

/// <summary>Wakes the relay as soon as a transaction with outbox rows has committed, instead of at the next poll.</summary>
public sealed class OutboxSignal : WakeSignal;

/// <summary>
/// Publishes committed outbox rows with publisher confirms and marks them published. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so relays in several services share the table without publishing a row twice at
/// once. A row whose publish fails stays unpublished and is tried again, after a crash or a broker outage too.
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopes, IConnection connection, OutboxSignal signal, TimeProvider clock, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    // A broker or database that is back is used within a second; longer sleeps only delayed the recovery.
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    /// <summary>How long the relay lets events gather after a wake-up before it claims them. A pass per commit made
    /// small batches whose claim, publish and acknowledgement cost the API, the database, the broker and the order
    /// consumer a third of the machine at 16 order clients; 10 ms adds that much to an event's delivery and made those
    /// batches large enough to place about 25 % more orders (bench/run.sh orders).</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

    /// <summary>How many passes of one relay run at once. A pass holds its rows until the broker has confirmed every
    /// one, and under load a confirm takes hundreds of milliseconds; with one pass at a time the relays could not
    /// publish the events of 200 orders a second without falling behind.</summary>
    private const int ConcurrentPasses = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, ConcurrentPasses).Select(_ => RelayAsync(new Publisher(connection, logger), stoppingToken)));

    private async Task RelayAsync(Publisher publisher, CancellationToken stoppingToken)
    {
        await using var _ = publisher;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(publisher, stoppingToken);
                backoff = TimeSpan.Zero;
                if (published < BatchSize)
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                    await Task.Delay(Linger, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                logger.LogWarning(exception, "Publishing the outbox failed; retrying in {Backoff}", backoff);
                await publisher.CloseAsync();
                await Task.Delay(backoff, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task<int> PublishBatchAsync(Publisher publisher, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        return await db.InTransactionAsync(async token =>
        {
            var batch = await db.Set<OutboxMessage>()
                .FromSql($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking()
                .ToListAsync(token);
            if (batch.Count == 0)
            {
                return 0;
            }

            var channel = await publisher.ChannelAsync(token);
            await Task.WhenAll(batch.Select(message => PublishAsync(channel, message, token)));
            var ids = batch.Select(message => message.Id).ToList();
            var now = clock.UtcNowForDatabase();
            // One statement for the whole batch, instead of one tracked UPDATE per row.
            await db.Set<OutboxMessage>().Where(message => ids.Contains(message.Id)).ExecuteUpdateAsync(
                set => set.SetProperty(message => message.PublishedAt, now), token);
            EcommerceTelemetry.EventsPublished.Add(batch.Count);
            return batch.Count;
        }, cancellationToken);
    }

    private static async Task PublishAsync(IChannel channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        ActivityContext.TryParse(message.TraceParent, null, out var parent);
        using var activity = EcommerceTelemetry.ActivitySource.StartActivity($"{message.EventType} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", Topology.Exchange);
        activity?.SetTag("messaging.message.id", message.Id.ToString());

        var properties = new BasicProperties
        {
            MessageId = message.Id.ToString(),
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Type = message.EventType,
            Headers = new Dictionary<string, object?>(),
        };
        TraceContext.Inject(activity, properties.Headers);
        await channel.BasicPublishAsync(Topology.Exchange, message.EventType, mandatory: false, properties,
            Encoding.UTF8.GetBytes(message.Payload), cancellationToken);
    }

    /// <summary>One pass's channel to the broker, with publisher confirms, opened again after a failure.</summary>
    private sealed class Publisher(IConnection connection, ILogger logger) : IAsyncDisposable
    {
        private IChannel? _channel;

        public async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
        {
            if (_channel is { IsOpen: true })
            {
                return _channel;
            }

            await CloseAsync();
            _channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken);
            await Topology.DeclareExchangeAsync(_channel, cancellationToken);
            return _channel;
        }

        public async Task CloseAsync()
        {
            if (_channel is not null)
            {
                try
                {
                    await _channel.DisposeAsync();
                }
                catch (Exception exception)
                {
                    logger.LogDebug(exception, "Closing a broken publish channel failed");
                }

                _channel = null;
            }
        }

        public async ValueTask DisposeAsync() => await CloseAsync();
    }
}
