using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.Api.Products;

/// <summary>
/// Catalog reads through a two-level cache (memory, then Redis) that holds nothing but the catalog, so every change to
/// any product (including stock taken by an order) clears it, and a write is visible to this replica's next read.
/// </summary>
public sealed class ProductCatalog(IServiceScopeFactory scopes, IFusionCache cache, CatalogInvalidation invalidation)
{
    public ValueTask<ProductResponse?> FindAsync(int id, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<ProductResponse?>(
            $"product:{id}",
            (_, token) => scopes.ReadAsync(async (db, ct) => await db.Products.AsNoTracking()
                .Where(p => p.Id == id)
                .Select(ProductResponse.Projection)
                .FirstOrDefaultAsync(ct), token),
            token: cancellationToken);

    /// <summary>A page of the products that match <paramref name="query"/>, in <paramref name="categoryId"/> or below
    /// it when one is given.</summary>
    public ValueTask<ProductPage> ListAsync(ProductListQuery query, int? categoryId, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<ProductPage>(
            $"products:{query.CacheKey(categoryId)}",
            (_, token) => scopes.ReadAsync((db, ct) => ProductQueries.PageAsync(db, query, categoryId, ct), token),
            token: cancellationToken);

    public Task InvalidateAsync() => invalidation.InvalidateAsync();
}
