namespace Ecommerce.Tests.Products;

/// <summary>Full-text search. Every test's products carry a word of their own, so that tests running side by side do
/// not see each other's products.</summary>
public sealed class ProductSearchTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Search_finds_word_forms_requires_every_word_and_counts_the_matches()
    {
        using var admin = await Api.AdminAsync();
        var shoe = await Api.CreateProductAsync(admin, $"Running Shoe {_marker}", 80m);
        var boots = await Api.CreateProductAsync(admin, $"Hiking Boots {_marker}", 120m);

        var (shoes, total) = await SearchAsync($"shoes {_marker}");

        Assert.Equal([shoe.Id], shoes);
        Assert.Equal(1, total);
        Assert.Equal([boots.Id], (await SearchAsync($"boot {_marker} hiked")).Ids);
        Assert.Empty((await SearchAsync($"shoes boots {_marker}")).Ids);
    }

    [Fact]
    public async Task Name_matches_rank_above_description_and_category_matches_unless_another_sort_is_asked()
    {
        using var admin = await Api.AdminAsync();
        var category = await (await admin.PostAsync("/categories", ApiJson.Body(new { name = $"Lantern {_marker}", slug = $"lantern-{_marker}" }), Cancel))
            .ReadAsAsync<CategoryDto>(HttpStatusCode.Created);
        var inDescription = await Api.CreateProductAsync(admin, $"Camping light {_marker}", 1m, description: "A bright lantern for tents");
        var inCategory = await Api.CreateProductAsync(admin, $"Oil lamp {_marker}", 2m, categoryId: category.Id);
        var inName = await Api.CreateProductAsync(admin, $"Lantern {_marker}", 3m);

        Assert.Equal(inName.Id, (await SearchAsync($"lanterns {_marker}")).Ids[0]);
        Assert.Equal([inName.Id, inCategory.Id, inDescription.Id], (await SearchAsync($"lanterns {_marker}", "&sort=relevance")).Ids);
        Assert.Equal([inDescription.Id, inCategory.Id, inName.Id], (await SearchAsync($"lanterns {_marker}", "&sort=price")).Ids);
    }

    [Fact]
    public async Task A_product_is_found_by_its_sku_and_by_what_its_last_write_said_at_once()
    {
        using var admin = await Api.AdminAsync();
        var sku = $"SKU-{_marker}";
        var product = await Api.CreateProductAsync(admin, $"Kettle {_marker}", 30m, sku: sku);
        Assert.Equal([product.Id], (await SearchAsync(sku)).Ids);
        Assert.Empty((await SearchAsync($"whistling {_marker}")).Ids);

        var replaced = await admin.PutAsync($"/products/{product.Id}",
            ApiJson.Body(new { name = $"Whistling kettle {_marker}", price = 30m, sku }), Cancel);

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal([product.Id], (await SearchAsync($"whistling {_marker}")).Ids);
        await admin.DeleteAsync($"/products/{product.Id}", Cancel);
        Assert.Empty((await SearchAsync($"kettle {_marker}")).Ids);
    }

    [Fact]
    public async Task Renaming_a_category_changes_what_finds_its_products()
    {
        using var admin = await Api.AdminAsync();
        var slug = $"cookware-{_marker}";
        var category = await (await admin.PostAsync("/categories", ApiJson.Body(new { name = "Cookware", slug }), Cancel))
            .ReadAsAsync<CategoryDto>(HttpStatusCode.Created);
        var pan = await Api.CreateProductAsync(admin, $"Pan {_marker}", 20m, categoryId: category.Id);
        Assert.Equal([pan.Id], (await SearchAsync($"cookware {_marker}")).Ids);

        var renamed = await admin.PutAsync($"/categories/{category.Id}", ApiJson.Body(new { name = "Bakeware", slug }), Cancel);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal([pan.Id], (await SearchAsync($"bakeware {_marker}")).Ids);
        Assert.Empty((await SearchAsync($"cookware {_marker}")).Ids);
    }

    [Fact]
    public async Task Search_combines_with_the_other_filters_and_paging_and_counts_every_match_on_any_page()
    {
        using var admin = await Api.AdminAsync();
        var cheap = await Api.CreateProductAsync(admin, $"Mug {_marker}", 5m);
        var dear = await Api.CreateProductAsync(admin, $"Mug deluxe {_marker}", 50m);
        var empty = await Api.CreateProductAsync(admin, $"Mug empty {_marker}", 6m, stock: 0);

        Assert.Equal([dear.Id], (await SearchAsync($"mugs {_marker}", "&min_price=10")).Ids);
        var (firstPage, inStock) = await SearchAsync($"mugs {_marker}", "&in_stock=true&sort=price&limit=1");
        Assert.Equal([cheap.Id], firstPage);
        Assert.Equal(2, inStock);
        var (secondPage, all) = await SearchAsync($"mugs {_marker}", "&sort=price&skip=1&limit=1");
        Assert.Equal([empty.Id], secondPage);
        Assert.Equal(3, all);
        var (pastTheLast, stillAll) = await SearchAsync($"mugs {_marker}", "&skip=3");
        Assert.Empty(pastTheLast);
        Assert.Equal(3, stillAll);
    }

    [Fact]
    public async Task A_search_of_nothing_but_stop_words_answers_an_empty_page()
    {
        using var admin = await Api.AdminAsync();
        await Api.CreateProductAsync(admin, $"The lamp of the {_marker}", 4m);

        var (found, total) = await SearchAsync("the of and");

        Assert.Empty(found);
        Assert.Equal(0, total);
    }

    private async Task<(List<int> Ids, int Total)> SearchAsync(string words, string more = "")
    {
        using var reader = Api.Anonymous();
        var response = await reader.GetAsync($"/products?search={Uri.EscapeDataString(words)}{more}", Cancel);
        var products = await response.ReadAsAsync<List<ProductDto>>(HttpStatusCode.OK);
        return (products.Select(p => p.Id).ToList(), int.Parse(response.Headers.GetValues("X-Total-Count").Single()));
    }

    /// <summary>A word that only this test's products hold (letters only, so that search sees one word); xUnit makes
    /// an instance of the class for each test.</summary>
    private readonly string _marker = new([.. Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)).Take(12)]);
}
