using Ecommerce.Api.Products;
using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.UnitTests;

/// <summary>Every distinct list query and every missing product is an entry of the catalog's cache, so a client that
/// asks for endless distinct ones must not fill the API's memory.</summary>
public sealed class ProductCacheTests
{
    [Fact]
    public void The_memory_level_holds_at_most_its_bound_however_many_distinct_entries_are_cached()
    {
        using var memory = ProductCache.CreateLocalLevel();
        using var cache = new FusionCache(new FusionCacheOptions { DefaultEntryOptions = ProductCache.EntryOptions() }, memory);

        for (var i = 0; i < 2 * ProductCache.MaxLocalEntries; i++)
        {
            cache.Set<ProductResponse?>($"product:{i}", null, token: TestContext.Current.CancellationToken);
        }

        Assert.InRange(memory.Count, 1, ProductCache.MaxLocalEntries);
    }
}
