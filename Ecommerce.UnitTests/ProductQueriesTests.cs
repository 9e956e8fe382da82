using System.Text.RegularExpressions;
using Ecommerce.Api.Products;
using Ecommerce.Shared.Data;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Ecommerce.UnitTests;

public sealed class ProductQueriesTests
{
    [Fact]
    public void A_search_page_counts_its_matches_before_its_offset_and_limit_in_one_statement()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);
        var query = new ProductListQuery(Skip: 40, Limit: 20, Q: null, MinPrice: 10, MaxPrice: null, Sort: null, Category: null,
            InStock: true, Search: "oak lamp");
        var words = new NpgsqlTsQueryAnd(new NpgsqlTsQueryLexeme("oak"), new NpgsqlTsQueryLexeme("lamp"));

        var sql = ProductQueries.CountedPage(ProductQueries.Sort(ProductQueries.Filter(db, query, null, words), query, words), query)
            .ToQueryString();

        Assert.Single(Regex.Matches(sql, @"\bSELECT\b"));
        Assert.Matches(@"(?s)count\(\*\) OVER \(\).*\bFROM products\b.*\bORDER BY ts_rank\(.*\bLIMIT\b.*\bOFFSET\b", sql);
    }
}
