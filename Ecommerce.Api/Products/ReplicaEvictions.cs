using System.Collections.Concurrent;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.Api.Products;

/// <summary>
/// Makes a catalog change visible to the very next read on every API replica, not just soon after. FusionCache's
/// backplane tells the other replicas too, but each one applies the message on the thread pool, which can be just after
/// the write has answered. Here the writer publishes an eviction on Redis, whose PUBLISH answers how many replicas are
/// subscribed, and waits until each of the others has dropped its memory copies and acknowledged on the writer's own
/// channel. With one replica a write waits for no acknowledgement.
/// </summary>
public sealed class ReplicaEvictions(IConnectionMultiplexer redis, IFusionCache cache, ILogger<ReplicaEvictions> logger)
{
    private static readonly RedisChannel Requests = RedisChannel.Literal("catalog:evict");

    /// <summary>After an eviction that not every replica acknowledged in time, the next ones publish without waiting for
    /// this long: a stalled Redis would otherwise cost every write the whole bound.</summary>
    private static readonly TimeSpan DoNotWaitAfterTimeoutFor = TimeSpan.FromSeconds(2);

    private readonly string _replica = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<long, PendingEviction> _pending = new();
    private long _sequence;
    private long _waitAgainAt;

    /// <summary>Subscribes to other replicas' evictions and to the acknowledgements of this one's; a replica does this
    /// before it serves, so none of its memory copies predates its subscription.</summary>
    public async Task SubscribeAsync()
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(Requests, (_, request) => EvictInBackground(request));
        await subscriber.SubscribeAsync(AcknowledgementsOf(_replica), (_, sequence) => Acknowledge(sequence));
    }

    /// <summary>Completes when every subscribed replica has evicted the catalog from its memory, or after
    /// <paramref name="within"/>: a replica that died before it acknowledged, or a Redis that does not answer, must not
    /// hold the write up for ever. It never throws: Redis is not a dependency of a write.</summary>
    public async Task EvictEverywhereAsync(TimeSpan within)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var pending = new PendingEviction();
        _pending[sequence] = pending;
        try
        {
            if (Environment.TickCount64 < Interlocked.Read(ref _waitAgainAt))
            {
                await redis.GetSubscriber().PublishAsync(Requests, RequestFor(sequence), CommandFlags.FireAndForget);
                return;
            }

            await AcknowledgedAsync(sequence, pending).WaitAsync(within);
        }
        catch (Exception exception) when (exception is TimeoutException or RedisException)
        {
            Interlocked.Exchange(ref _waitAgainAt, Environment.TickCount64 + (long)DoNotWaitAfterTimeoutFor.TotalMilliseconds);
            logger.LogWarning(exception, "Not every API replica acknowledged a catalog eviction within {Bound}", within);
        }
        finally
        {
            _pending.TryRemove(sequence, out _);
        }
    }

    /// <summary>The writer has already dropped its own copies, so it waits for the others only: PUBLISH counts the
    /// writer too while its own subscription is connected.</summary>
    private async Task AcknowledgedAsync(long sequence, PendingEviction pending)
    {
        var subscriber = redis.GetSubscriber();
        var receivers = await subscriber.PublishAsync(Requests, RequestFor(sequence));
        pending.Expect(receivers - (subscriber.IsConnected(Requests) ? 1 : 0));
        await pending.Completion;
    }

    private void EvictInBackground(RedisValue request) => _ = EvictAsync(request);

    private async Task EvictAsync(RedisValue request)
    {
        try
        {
            var (writer, sequence) = ParseRequest(request);
            if (writer == _replica)
            {
                return;
            }

            await cache.RemoveByTagAsync(CatalogInvalidation.Tag, ProductCache.MemoryOnlyTagOptions());
            await redis.GetSubscriber().PublishAsync(AcknowledgementsOf(writer), sequence, CommandFlags.FireAndForget);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A catalog eviction from another replica could not be applied");
        }
    }

    private void Acknowledge(RedisValue sequence)
    {
        if (sequence.TryParse(out long value) && _pending.TryGetValue(value, out var pending))
        {
            pending.Acknowledge();
        }
    }

    private static (string Writer, long Sequence) ParseRequest(RedisValue request)
    {
        var text = request.ToString();
        var separator = text.LastIndexOf(':');
        return (text[..separator], long.Parse(text[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private RedisValue RequestFor(long sequence) => $"{_replica}:{sequence}";

    private static RedisChannel AcknowledgementsOf(string replica) => RedisChannel.Literal($"catalog:evicted:{replica}");

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
