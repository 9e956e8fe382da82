using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.Api.Replicas;

/// <summary>
/// Makes a change visible to the very next read on every API replica, not just soon after, for the data that replicas
/// copy into their memory (<see cref="IMemoryCopies"/>: the catalog, carts). FusionCache's backplane tells the other
/// replicas of a catalog change too, but each one applies the message on the thread pool, which can be just after the
/// write has answered. Here the writer publishes an eviction on Redis, whose PUBLISH answers how many replicas are
/// subscribed, and waits until each of the others has dropped its copy and acknowledged on the writer's own channel.
/// With one replica a write waits for no acknowledgement. A replica whose subscription was lost drops every copy when
/// it is back, and <see cref="Subscribed"/> tells the copies' owners whether to trust them meanwhile.
/// </summary>
public sealed class ReplicaEvictions(IConnectionMultiplexer redis, IEnumerable<IMemoryCopies> copies, ILogger<ReplicaEvictions> logger)
{
    private static readonly RedisChannel Requests = RedisChannel.Literal("replicas:evict");

    /// <summary>After an eviction that not every replica acknowledged in time, the next ones publish without waiting for
    /// this long: a stalled Redis would otherwise cost every write the whole bound.</summary>
    private static readonly TimeSpan DoNotWaitAfterTimeoutFor = TimeSpan.FromSeconds(2);

    private readonly ISubscriber _subscriber = redis.GetSubscriber();
    private readonly string _replica = Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, IMemoryCopies> _copies = copies.ToDictionary(c => c.Kind);
    private readonly ConcurrentDictionary<long, PendingEviction> _pending = new();
    private long _sequence;
    private long _waitAgainAt;

    /// <summary>Whether this replica hears the others' evictions now.</summary>
    public bool Subscribed => _subscriber.IsConnected(Requests);

    /// <summary>Subscribes to other replicas' evictions and to the acknowledgements of this one's; a replica does this
    /// before it serves, so none of its memory copies predates its subscription.</summary>
    public async Task SubscribeAsync()
    {
        await _subscriber.SubscribeAsync(Requests, (_, request) => EvictInBackground(request));
        await _subscriber.SubscribeAsync(AcknowledgementsOf(_replica), (_, sequence) => Acknowledge(sequence));
        redis.ConnectionRestored += (_, restored) =>
        {
            if (restored.ConnectionType == ConnectionType.Subscription)
            {
                _ = EvictAllAsync();
            }
        };
    }

    /// <summary>Completes when every subscribed replica has evicted its copy of <paramref name="key"/> among its
    /// <paramref name="kind"/> copies, or after <paramref name="within"/>: a replica that died before it acknowledged,
    /// or a Redis that does not answer, must not hold the write up for ever. It never throws: Redis is not a dependency
    /// of a write.</summary>
    public async Task EvictEverywhereAsync(string kind, string key, TimeSpan within)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var request = RequestFor(sequence, kind, key);
        var pending = new PendingEviction();
        _pending[sequence] = pending;
        try
        {
            if (Environment.TickCount64 < Interlocked.Read(ref _waitAgainAt))
            {
                await _subscriber.PublishAsync(Requests, request, CommandFlags.FireAndForget);
                return;
            }

            await AcknowledgedAsync(request, pending).WaitAsync(within);
        }
        catch (Exception exception) when (exception is TimeoutException or RedisException)
        {
            Interlocked.Exchange(ref _waitAgainAt, Environment.TickCount64 + (long)DoNotWaitAfterTimeoutFor.TotalMilliseconds);
            logger.LogWarning(exception, "Not every API replica acknowledged an eviction from its {Kind} copies within {Bound}", kind, within);
        }
        finally
        {
            _pending.TryRemove(sequence, out _);
        }
    }

    /// <summary>The writer has already dropped its own copy, so it waits for the others only: PUBLISH counts the
    /// writer too while its own subscription is connected.</summary>
    private async Task AcknowledgedAsync(RedisValue request, PendingEviction pending)
    {
        var receivers = await _subscriber.PublishAsync(Requests, request);
        pending.Expect(receivers - (Subscribed ? 1 : 0));
        await pending.Completion;
    }

    private void EvictInBackground(RedisValue request) => _ = EvictAsync(request);

    private async Task EvictAsync(RedisValue request)
    {
        try
        {
            var (writer, sequence, kind, key) = ParseRequest(request);
            if (writer == _replica)
            {
                return;
            }

            await _copies[kind].EvictAsync(key);
            await _subscriber.PublishAsync(AcknowledgementsOf(writer), sequence, CommandFlags.FireAndForget);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "An eviction from another replica could not be applied");
        }
    }

    private async Task EvictAllAsync()
    {
        foreach (var copy in _copies.Values)
        {
            try
            {
                await copy.EvictAllAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "This replica's {Kind} copies could not be dropped after its subscription came back", copy.Kind);
            }
        }
    }

    private void Acknowledge(RedisValue sequence)
    {
        if (sequence.TryParse(out long value) && _pending.TryGetValue(value, out var pending))
        {
            pending.Acknowledge();
        }
    }

    /// <summary>A request reads <c>writer:sequence:kind:key</c>; only the key may hold a colon.</summary>
    private static (string Writer, long Sequence, string Kind, string Key) ParseRequest(RedisValue request)
    {
        var parts = request.ToString().Split(':', 4);
        return (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2], parts[3]);
    }

    private RedisValue RequestFor(long sequence, string kind, string key) => $"{_replica}:{sequence}:{kind}:{key}";

    private static RedisChannel AcknowledgementsOf(string replica) => RedisChannel.Literal($"replicas:evicted:{replica}");

    /// <summary>The acknowledgements may arrive before PUBLISH has said how many to expect.</summary>
    private sealed class PendingEviction
    {
        private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _acknowledged;
        private long _expected = long.MaxValue;

        public Task Completion => _completion.Task;

        public void Acknowledge()
        {
            if (Interlocked.Increment(ref _acknowledged) >= Interlocked.Read(ref _expected))
            {
                _completion.TrySetResult();
            }
        }

        public void Expect(long replicas)
        {
            Interlocked.Exchange(ref _expected, replicas);
            if (Interlocked.Read(ref _acknowledged) >= replicas)
            {
                _completion.TrySetResult();
            }
        }
    }
}

public static class ReplicaSubscriptions
{
    /// <summary>One eviction channel for every kind of <see cref="IMemoryCopies"/>; each owner registers its own.</summary>
    public static IServiceCollection AddReplicaEvictions(this IServiceCollection services) =>
        services.AddSingleton<ReplicaEvictions>();

    /// <summary>Builds the catalog cache, which subscribes to its backplane before it returns, and subscribes to the other
    /// replicas' evictions: a replica that served reads before it subscribed could keep a copy that a change made
    /// meanwhile had invalidated.</summary>
    public static Task SubscribeToOtherReplicasAsync(this IServiceProvider services)
    {
        services.GetRequiredService<IFusionCache>();
        return services.GetRequiredService<ReplicaEvictions>().SubscribeAsync();
    }
}
