using System.Linq.Expressions;
using Ecommerce.Api.Categories;
using Ecommerce.Shared.Products;
using NpgsqlTypes;

namespace Ecommerce.Api.Products;

/// <summary>A page of the catalog as PostgreSQL answers it: the filters, the order, and the count of the matches.</summary>
public static class ProductQueries
{
    private static readonly Expression<Func<Product, CountedProduct>> CountedProjection = Expression.Lambda<Func<Product, CountedProduct>>(
        Expression.New(
            typeof(CountedProduct).GetConstructor([typeof(ProductResponse), typeof(int)])!,
            ProductResponse.Projection.Body,
            Expression.Call(typeof(WindowFunctions).GetMethod(nameof(WindowFunctions.CountOfMatches))!)),
        ProductResponse.Projection.Parameters);

    public static async Task<ProductPage> PageAsync(EcommerceDbContext db, ProductListQuery query, int? categoryId, CancellationToken cancellationToken)
    {
        var search = query.SearchText;
        var words = search is null ? null : await ParseSearchAsync(db, search, cancellationToken);
        if (search is not null && words is null)
        {
            return ProductPage.Empty;
        }

        var matches = Filter(db, query, categoryId, words);
        if (words is null)
        {
            var total = await matches.CountAsync(cancellationToken);
            var items = await Page(Sort(matches, query, words), query).Select(ProductResponse.Projection).ToListAsync(cancellationToken);
            return new ProductPage(items, total);
        }

        var rows = await CountedPage(Sort(matches, query, words), query).ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            return new ProductPage([.. rows.Select(r => r.Product)], rows[0].Matches);
        }

        return new ProductPage([], query.Skip is null or 0 ? 0 : await matches.CountAsync(cancellationToken));
    }

    /// <summary>A search's page with the count of its matches in the same statement. A search reads every match to rank
    /// or sort it, so counting them there costs little, where a count of its own scanned them all a second time. A page
    /// past the last match has no row to carry the count.</summary>
    public static IQueryable<CountedProduct> CountedPage(IQueryable<Product> sorted, ProductListQuery query) =>
        Page(sorted, query).Select(CountedProjection);

    /// <summary>The search's words as the text-search configuration reads them, parsed once and sent to the queries as a
    /// value: a query that calls <c>plainto_tsquery</c> in its ORDER BY parses the words again for every match once its
    /// prepared plan turns generic, which cost more than the search itself. Null when no word is left (stop words
    /// only), which matches nothing.</summary>
    private static Task<NpgsqlTsQuery?> ParseSearchAsync(EcommerceDbContext db, string search, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<NpgsqlTsQuery?>($"""
            SELECT words AS "Value" FROM plainto_tsquery({ProductSearch.Configuration}::regconfig, {search}) AS words WHERE numnode(words) > 0
            """).SingleOrDefaultAsync(cancellationToken);

    public static IQueryable<Product> Filter(EcommerceDbContext db, ProductListQuery query, int? categoryId, NpgsqlTsQuery? words)
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
    public static IQueryable<Product> Sort(IQueryable<Product> products, ProductListQuery query, NpgsqlTsQuery? words) => query.Sort switch
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

    private static IQueryable<Product> Page(IQueryable<Product> sorted, ProductListQuery query) =>
        sorted.Skip(query.Skip ?? 0).Take(query.Limit ?? Paging.DefaultLimit);
}

/// <summary>A product of a page, with the number of products that the page's query matched.</summary>
public sealed record CountedProduct(ProductResponse Product, int Matches);
