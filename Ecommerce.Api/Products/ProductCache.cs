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

    /// <summary>
    /// FusionCache with Redis (the Aspire-managed connection) as its second level and as its backplane, so that a
    /// change on any API replica evicts the others' copies at once. Redis is a cache here, never a dependency of a
    /// write: its operations run in the background behind short timeouts, a Redis that does not answer is skipped
    /// (reads go to PostgreSQL), and what it missed is sent again once it is back (auto-recovery).
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
            })
            .WithDefaultEntryOptions(EntryOptions())
            .WithMemoryCache(CreateLocalLevel())
            .WithSerializer(new FusionCacheSystemTextJsonSerializer())
            .WithRegisteredDistributedCache()
            .WithBackplane(services => new RedisBackplane(new RedisBackplaneOptions
            {
                ConnectionMultiplexerFactory = () => Task.FromResult(services.GetRequiredService<IConnectionMultiplexer>()),
            }));
        services.AddSingleton(services => new CatalogInvalidation(
            () => services.GetRequiredService<IFusionCache>().RemoveByTagAsync(CatalogInvalidation.Tag)));
        return services;
    }

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
