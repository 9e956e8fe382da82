using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace Ecommerce.Api.Products;

public static class ProductCache
{
    /// <summary>HybridCache with Redis (the Aspire-managed connection) as its second level.</summary>
    public static IServiceCollection AddProductCache(this IServiceCollection services)
    {
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.ConnectionMultiplexerFactory = () => Task.FromResult(redis));
        services.AddHybridCache(options => options.DefaultEntryOptions = new HybridCacheEntryOptions
        {
            Expiration = TimeSpan.FromMinutes(10),
            LocalCacheExpiration = TimeSpan.FromMinutes(1),
        });
        services.AddSingleton<CatalogInvalidation>();
        return services;
    }
}
