namespace Ecommerce.Tests.Products;

/// <summary>The second edition's SKU, category and image of a product.</summary>
public sealed class ProductFieldTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task A_product_keeps_its_sku_category_and_image_and_a_first_edition_product_has_them_null()
    {
        using var admin = await Api.AdminAsync();
        var category = await (await admin.PostAsync("/categories", ApiJson.Body(new { name = "Teapots", slug = $"teapots-{Guid.NewGuid():N}" }), Cancel))
            .ReadAsAsync<CategoryDto>(HttpStatusCode.Created);
        var sku = $"TP-{Guid.NewGuid():N}"[..20];

        var created = await (await admin.PostAsync("/products", ApiJson.Body(new
        {
            name = "Teapot",
            price = 12.5m,
            stock = 2,
            sku,
            category_id = category.Id,
            image_url = "https://cdn.example.com/teapot.jpg",
        }), Cancel)).ReadAsAsync<ProductDto>(HttpStatusCode.Created);
        var plain = await admin.PostAsync("/products", ApiJson.Raw("""{"name": "First edition", "price": 1}"""), Cancel);

        Assert.Equal((sku, (int?)category.Id, "https://cdn.example.com/teapot.jpg"), (created.Sku, created.CategoryId, created.ImageUrl));
        Assert.Equal(created, await (await admin.GetAsync($"/products/{created.Id}", Cancel)).ReadAsAsync<ProductDto>(HttpStatusCode.OK));
        var raw = await plain.ReadAsync();
        foreach (var field in new[] { "sku", "category_id", "image_url" })
        {
            Assert.Equal(JsonValueKind.Null, raw.GetProperty(field).ValueKind);
        }
    }

    [Fact]
    public async Task A_sku_is_unique_ignoring_case_until_its_product_leaves_the_catalog()
    {
        using var admin = await Api.AdminAsync();
        var sku = $"Dup-{Guid.NewGuid():N}"[..24];
        var first = await Api.CreateProductAsync(admin, "First", 1m, sku: sku);

        var duplicate = await admin.PostAsync("/products", ApiJson.Body(new { name = "Second", price = 1m, sku = sku.ToUpperInvariant() }), Cancel);
        var other = await Api.CreateProductAsync(admin, "Other", 1m);
        var renamed = await admin.PutAsync($"/products/{other.Id}", ApiJson.Body(new { name = "Other", price = 1m, sku = sku.ToLowerInvariant() }), Cancel);
        await admin.DeleteAsync($"/products/{first.Id}", Cancel);
        var reused = await admin.PostAsync("/products", ApiJson.Body(new { name = "Third", price = 1m, sku }), Cancel);

        await duplicate.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        await renamed.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal(sku, (await reused.ReadAsAsync<ProductDto>(HttpStatusCode.Created)).Sku);
    }

    [Fact]
    public async Task An_image_url_of_2000_characters_is_accepted_and_one_longer_refused()
    {
        using var admin = await Api.AdminAsync();
        var prefix = "https://cdn.example.com/";

        var longest = await admin.PostAsync("/products", ApiJson.Body(new { name = "x", price = 1m, image_url = prefix + new string('a', 2000 - prefix.Length) }), Cancel);
        var tooLong = await admin.PostAsync("/products", ApiJson.Body(new { name = "x", price = 1m, image_url = prefix + new string('a', 2001 - prefix.Length) }), Cancel);

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Contains("body.image_url", (await tooLong.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
    }
}
