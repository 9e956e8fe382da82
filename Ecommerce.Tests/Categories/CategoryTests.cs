namespace Ecommerce.Tests.Categories;

public sealed class CategoryTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task An_admin_builds_a_tree_that_anyone_reads_flat_by_name()
    {
        using var admin = await Api.AdminAsync();
        using var reader = Api.Anonymous();
        var slug = Slug("shoes");

        var created = await admin.PostAsync("/categories", ApiJson.Body(new { name = "Zz Shoes", slug }), Cancel);
        var shoes = await created.ReadAsAsync<CategoryDto>(HttpStatusCode.Created);
        var running = await CreateAsync(admin, "Aa Running", shoes.Id);

        Assert.Equal($"/categories/{shoes.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal((slug, (int?)null), (shoes.Slug, shoes.ParentId));
        Assert.Equal(shoes.Id, running.ParentId);
        var all = await (await reader.GetAsync("/categories", Cancel)).ReadAsAsync<List<CategoryDto>>(HttpStatusCode.OK);
        Assert.Contains(all, c => c.Id == shoes.Id);
        Assert.Equal(all.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.Id), all.Select(c => c.Id));
        Assert.Equal(running, await (await reader.GetAsync($"/categories/{running.Id}", Cancel)).ReadAsAsync<CategoryDto>(HttpStatusCode.OK));
        var missing = await reader.GetAsync("/categories/987654321", Cancel);
        Assert.Equal("Category not found", (await missing.AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND")).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_duplicate_slug_is_409_and_a_malformed_one_or_an_unknown_parent_422()
    {
        using var admin = await Api.AdminAsync();
        var existing = await CreateAsync(admin, "Original");

        var duplicate = await admin.PostAsync("/categories", ApiJson.Body(new { name = "Copy", slug = existing.Slug }), Cancel);
        var upperCase = await admin.PostAsync("/categories", ApiJson.Body(new { name = "Bad", slug = "Not-Lower" }), Cancel);
        var orphan = await admin.PostAsync("/categories", ApiJson.Body(new { name = "Orphan", slug = Slug("orphan"), parent_id = 987654321 }), Cancel);
        var nameless = await admin.PostAsync("/categories", ApiJson.Body(new { slug = Slug("nameless") }), Cancel);

        await duplicate.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Contains("body.slug", (await upperCase.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
        Assert.Contains("body.parent_id", (await orphan.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
        Assert.Contains("body.name", (await nameless.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
    }

    [Fact]
    public async Task The_tree_holds_five_levels_and_refuses_a_sixth_also_by_moving_a_subtree()
    {
        using var admin = await Api.AdminAsync();
        var levels = new List<CategoryDto> { await CreateAsync(admin, "Level 1") };
        for (var level = 2; level <= 5; level++)
        {
            levels.Add(await CreateAsync(admin, $"Level {level}", levels[^1].Id));
        }

        var sixth = await admin.PostAsync("/categories", ApiJson.Body(new { name = "Level 6", slug = Slug("level"), parent_id = levels[^1].Id }), Cancel);
        var otherRoot = await CreateAsync(admin, "Other root");
        var otherChild = await CreateAsync(admin, "Other child", otherRoot.Id);
        var moveUnderFourth = await admin.PutAsync($"/categories/{otherRoot.Id}",
            ApiJson.Body(new { name = otherRoot.Name, slug = otherRoot.Slug, parent_id = levels[3].Id }), Cancel);
        var moveUnderThird = await admin.PutAsync($"/categories/{otherRoot.Id}",
            ApiJson.Body(new { name = otherRoot.Name, slug = otherRoot.Slug, parent_id = levels[2].Id }), Cancel);

        Assert.Contains("body.parent_id", (await sixth.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
        Assert.Contains("body.parent_id", (await moveUnderFourth.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
        var moved = await moveUnderThird.ReadAsAsync<CategoryDto>(HttpStatusCode.OK);
        Assert.Equal(levels[2].Id, moved.ParentId);
        Assert.Equal(otherRoot.Id, (await (await admin.GetAsync($"/categories/{otherChild.Id}", Cancel)).ReadAsAsync<CategoryDto>()).ParentId);
    }

    [Fact]
    public async Task A_category_cannot_move_under_itself_or_a_descendant()
    {
        using var admin = await Api.AdminAsync();
        var root = await CreateAsync(admin, "Cycle root");
        var child = await CreateAsync(admin, "Cycle child", root.Id);
        var grandchild = await CreateAsync(admin, "Cycle grandchild", child.Id);

        foreach (var parent in new[] { root.Id, grandchild.Id })
        {
            var response = await admin.PutAsync($"/categories/{root.Id}", ApiJson.Body(new { name = root.Name, slug = root.Slug, parent_id = parent }), Cancel);
            Assert.Contains("body.parent_id", (await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
        }

        Assert.Null((await (await admin.GetAsync($"/categories/{root.Id}", Cancel)).ReadAsAsync<CategoryDto>()).ParentId);
    }

    [Fact]
    public async Task A_category_with_children_or_products_is_not_deleted_and_an_empty_one_is()
    {
        using var admin = await Api.AdminAsync();
        var parent = await CreateAsync(admin, "Parent");
        var child = await CreateAsync(admin, "Child", parent.Id);
        var product = await Api.CreateProductAsync(admin, "In a category", 5m, categoryId: child.Id);

        await (await admin.DeleteAsync($"/categories/{parent.Id}", Cancel)).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        await (await admin.DeleteAsync($"/categories/{child.Id}", Cancel)).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/products/{product.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/categories/{child.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/categories/{parent.Id}", Cancel)).StatusCode);
        await (await admin.GetAsync($"/categories/{parent.Id}", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await (await admin.DeleteAsync($"/categories/{parent.Id}", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
    }

    [Fact]
    public async Task Customers_may_not_write_categories()
    {
        using var admin = await Api.AdminAsync();
        var category = await CreateAsync(admin, "Guarded");
        using var customer = await Api.CustomerAsync();
        var body = ApiJson.Body(new { name = "Hacked", slug = Slug("hacked") });

        await (await customer.PostAsync("/categories", body, Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await (await customer.PutAsync($"/categories/{category.Id}", body, Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await (await customer.DeleteAsync($"/categories/{category.Id}", Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
    }

    [Fact]
    public async Task A_category_filter_lists_the_products_of_its_descendants_too_by_id_or_slug()
    {
        using var admin = await Api.AdminAsync();
        using var reader = Api.Anonymous();
        var root = await CreateAsync(admin, "Filter root");
        var child = await CreateAsync(admin, "Filter child", root.Id);
        var grandchild = await CreateAsync(admin, "Filter grandchild", child.Id);
        var elsewhere = await CreateAsync(admin, "Filter elsewhere");
        var inRoot = await Api.CreateProductAsync(admin, "In root", 1m, categoryId: root.Id);
        var inGrandchild = await Api.CreateProductAsync(admin, "In grandchild", 1m, stock: 0, categoryId: grandchild.Id);
        await Api.CreateProductAsync(admin, "Elsewhere", 1m, categoryId: elsewhere.Id);

        async Task<List<int>> Ids(string query) =>
            (await (await reader.GetAsync($"/products?{query}", Cancel)).ReadAsAsync<List<ProductDto>>(HttpStatusCode.OK)).Select(p => p.Id).ToList();

        Assert.Equal([inRoot.Id, inGrandchild.Id], await Ids($"category={root.Id}"));
        Assert.Equal([inRoot.Id, inGrandchild.Id], await Ids($"category={root.Slug}"));
        Assert.Equal([inGrandchild.Id], await Ids($"category={child.Slug}"));
        Assert.Equal([inRoot.Id], await Ids($"category={root.Id}&in_stock=true"));
        var unknown = await reader.GetAsync("/products?category=no-such-category-anywhere", Cancel);
        Assert.Contains("query.category", (await unknown.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
    }

    private async Task<CategoryDto> CreateAsync(HttpClient admin, string name, int? parentId = null)
    {
        var response = await admin.PostAsync("/categories", ApiJson.Body(new { name, slug = Slug(name), parent_id = parentId }), Cancel);
        return await response.ReadAsAsync<CategoryDto>(HttpStatusCode.Created);
    }

    private static string Slug(string name) => $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 13, 100)];
}
