using Ecommerce.Api.Categories;
using Ecommerce.Shared.Products;
using NpgsqlTypes;
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
                var search = query.SearchText;
                var words = search is null ? null : await ParseSearchAsync(db, search, ct);
                if (search is not null && words is null)
                {
                    return ProductPage.Empty;
                }

                var matches = Filter(db, query, categoryId, words);
                var total = await matches.CountAsync(ct);
                var items = await Sort(matches, query, words)
                    .Skip(query.Skip ?? 0)
                    .Take(query.Limit ?? Paging.DefaultLimit)
                    .Select(ProductResponse.Projection)
                    .ToListAsync(ct);
                return new ProductPage(items, total);
            }, token),
            tags: Tags,
            token: cancellationToken);

    public Task InvalidateAsync() => invalidation.InvalidateAsync();

    /// <summary>The search's words as the text-search configuration reads them, parsed once and sent to the queries as a
    /// value: a query that calls <c>plainto_tsquery</c> in its ORDER BY parses the words again for every match once its
    /// prepared plan turns generic, which cost more than the search itself. Null when no word is left (stop words
    /// only), which matches nothing.</summary>
    private static Task<NpgsqlTsQuery?> ParseSearchAsync(EcommerceDbContext db, string search, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<NpgsqlTsQuery?>($"""
            SELECT words AS "Value" FROM plainto_tsquery({ProductSearch.Configuration}::regconfig, {search}) AS words WHERE numnode(words) > 0
            """).SingleOrDefaultAsync(cancellationToken);

    private static IQueryable<Product> Filter(EcommerceDbContext db, ProductListQuery query, int? categoryId, NpgsqlTsQuery? words)
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

        if (words is not null)
        {
            products = products.Where(p => p.SearchVector!.Matches(words));
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
    private static IQueryable<Product> Sort(IQueryable<Product> products, ProductListQuery query, NpgsqlTsQuery? words) => query.Sort switch
    {
        null or ProductListQuery.Relevance when words is not null => products
            .OrderByDescending(p => p.SearchVector!.Rank(words))
            .ThenBy(p => p.Id),
        "name" => products.OrderBy(p => p.Name.ToLower()).ThenBy(p => p.Id),
        "price" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
        "-price" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
        "created_at" => products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
        "-created_at" => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        _ => products.OrderBy(p => p.Id),
    };
}
