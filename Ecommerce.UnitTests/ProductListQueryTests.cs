using Ecommerce.Api.Products;

namespace Ecommerce.UnitTests;

public sealed class ProductListQueryTests
{
    [Fact]
    public void The_same_words_in_another_order_are_one_search_with_one_cache_key()
    {
        var first = Searching("oak  Lamp\tsmall ");
        var second = Searching(" small oak Lamp");

        Assert.Equal("Lamp oak small", first.SearchText);
        Assert.Equal(first.CacheKey(null), second.CacheKey(null));
        Assert.NotEqual(first.CacheKey(null), Searching("oak lamp").CacheKey(null));
    }

    [Fact]
    public void A_search_of_spaces_alone_is_no_search()
    {
        Assert.Null(Searching(" \t ").SearchText);
        Assert.Equal(Searching(null).CacheKey(3), Searching("  ").CacheKey(3));
    }

    private static ProductListQuery Searching(string? search) =>
        new(Skip: null, Limit: null, Q: null, MinPrice: null, MaxPrice: null, Sort: null, Category: null, InStock: null, Search: search);
}
