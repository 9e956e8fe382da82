using Ecommerce.Api.Http;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Products;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.Api.Products;

/// <summary>
/// Catalog reads through a two-level cache (memory, then Redis). Every entry carries one tag, and every change to
/// any product (including stock taken by an order) invalidates that tag, so a write is visible to the next read.
/// </summary>
public sealed class ProductCatalog(EcommerceDbContext db, IFusionCache cache, CatalogInvalidation invalidation)
{
    private static readonly string[] Tags = [CatalogInvalidation.Tag];

    public ValueTask<ProductResponse?> FindAsync(int id, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<ProductResponse?>(
            $"product:{id}",
            async (_, token) => await db.Products.AsNoTracking()
                .Where(p => p.Id == id)
                .Select(p => ProductResponse.From(p))
                .FirstOrDefaultAsync(token),
            tags: Tags,
            token: cancellationToken);

    public ValueTask<ProductPage> ListAsync(ProductListQuery query, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<ProductPage>(
            $"products:{query.CacheKey}",
            async (_, token) =>
            {
                var matches = Filter(db.Products.AsNoTracking(), query);
                var total = await matches.CountAsync(token);
                var items = await Sort(matches, query.Sort)
                    .Skip(query.Skip ?? 0)
                    .Take(query.Limit ?? Paging.DefaultLimit)
                    .Select(p => ProductResponse.From(p))
                    .ToListAsync(token);
                return new ProductPage(items, total);
            },
            tags: Tags,
            token: cancellationToken);

    public Task InvalidateAsync() => invalidation.InvalidateAsync();

    private static IQueryable<Product> Filter(IQueryable<Product> products, ProductListQuery query)
    {
        if (!string.IsNullOrEmpty(query.Q))
        {
            var pattern = $"%{query.Q.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
            products = products.Where(p => EF.Functions.ILike(p.Name, pattern, @"\"));
        }

        if (query.MinPrice is { } min)
        {
            products = products.Where(p => p.Price >= min);
        }

        if (query.MaxPrice is { } max)
        {
            products = products.Where(p => p.Price <= max);
        }

        return products;
    }

    private static IQueryable<Product> Sort(IQueryable<Product> products, string? sort) => sort switch
    {
        "name" => products.OrderBy(p => p.Name.ToLower()).ThenBy(p => p.Id),
        "price" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
        "-price" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
        "created_at" => products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
        "-created_at" => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        _ => products.OrderBy(p => p.Id),
    };
}
