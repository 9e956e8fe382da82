using System.Text.Json;
using Ecommerce.Api.Replicas;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Ecommerce.Api.Products;

public static class ProductCache
{
    /// <summary>How many catalog answers one API process keeps in memory; the least recently used go first. Every
    /// distinct list query and every missing product is an entry, so without a bound a client could fill the memory.</summary>
    public const int MaxLocalEntries = 20_000;

    /// <summary>How long a write waits for its invalidation to reach Redis and for every other replica to acknowledge
    /// it. Past it the write answers anyway (Redis is never a dependency of a write) and the cache's backplane sends the
    /// invalidation again once Redis is back (auto-recovery).</summary>
    public static readonly TimeSpan InvalidationReachesOthersWithin = TimeSpan.FromSeconds(1);

    /// <summary>How long Redis and each replica keep the time of the last clear, which FusionCache stores as one of its
    /// tag entries.</summary>
    private static readonly TimeSpan ClearTimeKeptFor = TimeSpan.FromDays(10);

    /// <summary>
    /// FusionCache with Redis (the Aspire-managed connection) as its second level and as its backplane, so that a
    /// change on any API replica evicts the others' copies. A catalog invalidation waits until Redis has it and every
    /// replica has acknowledged dropping its memory copies (<see cref="ReplicaEvictions"/>, bounded by
    /// <see cref="InvalidationReachesOthersWithin"/>), so the next read anywhere sees the change; a replica subscribes
    /// before it serves. Everything else Redis does here runs in the background behind short timeouts, and a Redis that
    /// does not answer is skipped (reads go to PostgreSQL).
    /// </summary>
    public static IServiceCollection AddProductCache(this IServiceCollection services)
    {
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.ConnectionMultiplexerFactory = () => Task.FromResult(redis));

        services.AddFusionCache()
            .WithOptions(options =>
            {
                options.CacheKeyPrefix = "catalog:";
                options.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(2);
                options.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(2);
                options.TagsDefaultEntryOptions.Size = 1;
                options.TagsDefaultEntryOptions.Duration = ClearTimeKeptFor;
                options.TagsDefaultEntryOptions.AllowBackgroundDistributedCacheOperations = false;
                options.TagsDefaultEntryOptions.AllowBackgroundBackplaneOperations = false;
                options.WaitForInitialBackplaneSubscribe = true;
            })
            .WithDefaultEntryOptions(EntryOptions())
            .WithMemoryCache(CreateLocalLevel())
            // Fields too, so that a value tuple survives Redis as FusionCache's start-up check expects.
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new JsonSerializerOptions { IncludeFields = true }))
            .WithRegisteredDistributedCache()
            .WithBackplane(services => new RedisBackplane(new RedisBackplaneOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()),
            }));
        services.AddSingleton<CatalogCopies>();
        services.AddSingleton<IMemoryCopies>(services => services.GetRequiredService<CatalogCopies>());
        services.AddSingleton(services => new CatalogInvalidation(
            () => InvalidateEverywhereAsync(services.GetRequiredService<IFusionCache>(), services.GetRequiredService<ReplicaEvictions>()),
            InvalidationReachesOthersWithin));
        return services;
    }

    /// <summary>How a replica drops the catalog from its own memory when another replica asks it to.</summary>
    public static FusionCacheEntryOptions MemoryOnlyClearOptions() =>
        new FusionCacheEntryOptions(ClearTimeKeptFor) { Size = 1 }.SetSkipDistributedCacheWrite(true, true);

    /// <summary>A clear, not a tag on every entry: a read then checks one timestamp that the cache keeps in a field, where
    /// a tag was a second cache lookup on every read. The eviction does not wait for Redis to store the clear's time: a
    /// replica that evicted has it already, and the write answers only once Redis has it too.</summary>
    private static async ValueTask InvalidateEverywhereAsync(IFusionCache cache, ReplicaEvictions evictions) =>
        await Task.WhenAll(
            cache.ClearAsync(allowFailSafe: false).AsTask(),
            evictions.EvictEverywhereAsync(CatalogCopies.Name, "", InvalidationReachesOthersWithin));

    /// <summary>Every entry counts one towards <see cref="MaxLocalEntries"/>.</summary>
    public static FusionCacheEntryOptions EntryOptions() => new()
    {
        Duration = TimeSpan.FromMinutes(10),
        MemoryCacheDuration = TimeSpan.FromMinutes(1),
        Size = 1,
        DistributedCacheSoftTimeout = TimeSpan.FromMilliseconds(100),
        DistributedCacheHardTimeout = TimeSpan.FromSeconds(1),
        AllowBackgroundDistributedCacheOperations = true,
        AllowBackgroundBackplaneOperations = true,
    };

    public static MemoryCache CreateLocalLevel() => new(new MemoryCacheOptions { SizeLimit = MaxLocalEntries });
}
