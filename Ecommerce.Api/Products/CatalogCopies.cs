using Ecommerce.Api.Replicas;
using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.Api.Products;

/// <summary>The catalog answers that this replica holds in memory, which another replica's change evicts all at once:
/// Redis already holds the time of the clear, and the backplane has already been told.</summary>
public sealed class CatalogCopies(IFusionCache cache) : IMemoryCopies
{
    public const string Name = "catalog";

    public string Kind => Name;

    public ValueTask EvictAsync(string key) => EvictAllAsync();

    public ValueTask EvictAllAsync() => cache.ClearAsync(allowFailSafe: false, ProductCache.MemoryOnlyClearOptions());
}
