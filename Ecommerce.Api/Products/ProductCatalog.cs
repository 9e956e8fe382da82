using Ecommerce.Api.Categories;
using Ecommerce.Shared.Products;
using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.Api.Products;

/// <summary>
/// Catalog reads through a two-level cache (memory, then Redis). Every entry carries one tag, and every change to
/// any product (including stock taken by an order) invalidates that tag, so a write is visible to this replica's
/// next read.
/// </summary>
public sealed class ProductCatalog(IServiceScopeFactory scopes, IFusionCache cache, CatalogInvalidation invalidation)
{
    private static readonly string[] Tags = [CatalogInvalidation.Tag];

    public ValueTask<ProductResponse?> FindAsync(int id, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<ProductResponse?>(
            $"product:{id}",
            (_, token) => scopes.ReadAsync(async (db, ct) => await db.Products.AsNoTracking()
                .Where(p => p.Id == id)
                .Select(ProductResponse.Projection)
                .FirstOrDefaultAsync(ct), token),
            tags: Tags,
            token: cancellationToken);

    /// <summary>A page of the products that match <paramref name="query"/>, in <paramref name="categoryId"/> or below
    /// it when one is given.</summary>
    public ValueTask<ProductPage> ListAsync(ProductListQuery query, int? categoryId, CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<ProductPage>(
            $"products:{query.CacheKey(categoryId)}",
            (_, token) => scopes.ReadAsync(async (db, ct) =>
            {
                var matches = Filter(db, query, categoryId);
                var total = await matches.CountAsync(ct);
                var items = await Sort(matches, query)
                    .Skip(query.Skip ?? 0)
                    .Take(query.Limit ?? Paging.DefaultLimit)
                    .Select(ProductResponse.Projection)
                    .ToListAsync(ct);
                return new ProductPage(items, total);
            }, token),
            tags: Tags,
            token: cancellationToken);

    public Task InvalidateAsync() => invalidation.InvalidateAsync();

    private static IQueryable<Product> Filter(EcommerceDbContext db, ProductListQuery query, int? categoryId)
    {
        var products = db.Products.AsNoTracking();
        if (categoryId is { } category)
        {
            var subtree = CategoryTree.SubtreeOf(db, category);
            products = products.Where(p => p.CategoryId != null && subtree.Contains(p.CategoryId.Value));
        }

        if (query.InStock is true)
        {
            products = products.Where(p => p.Stock > 0);
        }

        if (query.SearchText is { } search)
        {
            products = products.Where(p => p.SearchVector!.Matches(EF.Functions.PlainToTsQuery(ProductSearch.Configuration, search)));
        }

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

    /// <summary>A search is ordered by relevance unless another order is asked for; ties go by id.</summary>
    private static IQueryable<Product> Sort(IQueryable<Product> products, ProductListQuery query) => query.Sort switch
    {
        null or ProductListQuery.Relevance when query.SearchText is { } search => products
            .OrderByDescending(p => p.SearchVector!.Rank(EF.Functions.PlainToTsQuery(ProductSearch.Configuration, search)))
            .ThenBy(p => p.Id),
        "name" => products.OrderBy(p => p.Name.ToLower()).ThenBy(p => p.Id),
        "price" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
        "-price" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
        "created_at" => products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
        "-created_at" => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        _ => products.OrderBy(p => p.Id),
    };
}
