namespace Ecommerce.Tests.Products;

public sealed class ProductTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task An_admin_creates_a_product_and_a_client_sent_id_is_ignored()
    {
        using var admin = await Api.AdminAsync();

        var response = await admin.PostAsync("/products",
            ApiJson.Raw("""{"id": 424242, "name": "Teapot", "description": "Short and stout", "price": 19.9, "stock": 3}"""), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var product = await response.ReadAsync();
        var id = product.GetProperty("id").GetInt32();
        Assert.NotEqual(424242, id);
        Assert.Equal($"/products/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Teapot", product.GetProperty("name").GetString());
        Assert.Equal(3, product.GetProperty("stock").GetInt32());
        Assert.Contains("\"price\":19.90", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(product.GetProperty("created_at").GetString(), product.GetProperty("updated_at").GetString());
        var read = await (await admin.GetAsync($"/products/{id}", Cancel)).ReadAsync();
        Assert.Equal(product.GetProperty("created_at").GetString(), read.GetProperty("created_at").GetString());
    }

    [Fact]
    public async Task Stock_defaults_to_zero()
    {
        using var admin = await Api.AdminAsync();

        var response = await admin.PostAsync("/products", ApiJson.Raw("""{"name": "No stock yet", "price": 1}"""), Cancel);

        Assert.Equal(0, (await response.ReadAsync()).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Customers_may_not_write_products_and_anonymous_clients_must_sign_in()
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, "Guarded", 5m);
        var id = product.Id;
        var (customer, _, _) = await Api.NewCustomerAsync();
        using var anonymous = Api.Anonymous();
        var body = new { name = "Hacked", price = 0.01m };

        using (customer)
        {
            await (await customer.PostAsync("/products", ApiJson.Body(body), Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
            await (await customer.PutAsync($"/products/{id}", ApiJson.Body(body), Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
            await (await customer.DeleteAsync($"/products/{id}", Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        }

        await (await anonymous.PostAsync("/products", ApiJson.Body(body), Cancel)).AssertErrorAsync(HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        var unchanged = await (await anonymous.GetAsync($"/products/{id}", Cancel)).ReadAsync();
        Assert.Equal("Guarded", unchanged.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unknown_product_is_404()
    {
        var error = await Api.AnonymousGetErrorAsync("/products/987654321", HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        Assert.Equal("Product not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Over_long_names_and_descriptions_are_rejected_and_the_limits_themselves_accepted()
    {
        using var admin = await Api.AdminAsync();

        var tooLong = await admin.PostAsync("/products",
            ApiJson.Body(new { name = new string('n', 201), description = new string('d', 2001), price = 1m }), Cancel);
        var atLimits = await admin.PostAsync("/products",
            ApiJson.Body(new { name = new string('n', 200), description = new string('d', 2000), price = 1_000_000m }), Cancel);

        var error = await tooLong.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        Assert.Equal(["body.name", "body.description"], error.Locations());
        Assert.Equal(HttpStatusCode.Created, atLimits.StatusCode);
    }

    [Fact]
    public async Task An_update_replaces_the_product_and_is_visible_on_the_next_read_despite_the_cache()
    {
        using var admin = await Api.AdminAsync();
        using var reader = Api.Anonymous();
        var marker = ApiSession.UniqueName("upd");
        var product = await Api.CreateProductAsync(admin, $"{marker} before", 10m, description: "old words");
        var id = product.Id;
        await reader.GetAsync($"/products/{id}", Cancel);
        await reader.GetAsync($"/products?q={marker}", Cancel);

        var update = await admin.PutAsync($"/products/{id}", ApiJson.Body(new { name = $"{marker} after", price = 12.5m, stock = 7 }), Cancel);
        var single = await (await reader.GetAsync($"/products/{id}", Cancel)).ReadAsync();
        var listed = (await (await reader.GetAsync($"/products?q={marker}", Cancel)).ReadAsync()).EnumerateArray().Single();

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        foreach (var view in new[] { single, listed })
        {
            Assert.Equal($"{marker} after", view.GetProperty("name").GetString());
            Assert.Equal(12.5m, view.GetProperty("price").GetDecimal());
            Assert.Equal(7, view.GetProperty("stock").GetInt32());
            Assert.Equal(JsonValueKind.Null, view.GetProperty("description").ValueKind);
        }

        Assert.True(single.GetProperty("updated_at").GetDateTime() > single.GetProperty("created_at").GetDateTime());
    }

    [Fact]
    public async Task Updating_an_unknown_product_is_404_and_invalid_updates_are_422()
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, "Stable", 3m);

        var unknown = await admin.PutAsync("/products/987654321", ApiJson.Body(new { name = "x", price = 1m }), Cancel);
        var invalid = await admin.PutAsync($"/products/{product.Id}", ApiJson.Body(new { name = "x", price = -1m }), Cancel);

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await invalid.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
    }

    [Fact]
    public async Task A_deleted_product_vanishes_from_the_catalog_at_once()
    {
        using var admin = await Api.AdminAsync();
        using var reader = Api.Anonymous();
        var marker = ApiSession.UniqueName("del");
        var product = await Api.CreateProductAsync(admin, marker, 4m);
        var id = product.Id;
        await reader.GetAsync($"/products/{id}", Cancel);
        await reader.GetAsync($"/products?q={marker}", Cancel);

        var deleted = await admin.DeleteAsync($"/products/{id}", Cancel);
        var single = await reader.GetAsync($"/products/{id}", Cancel);
        var listed = await reader.GetAsync($"/products?q={marker}", Cancel);
        var again = await admin.DeleteAsync($"/products/{id}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(Cancel));
        await single.AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        Assert.Empty((await listed.ReadAsync()).EnumerateArray());
        Assert.Equal("0", listed.Headers.GetValues("X-Total-Count").Single());
        await again.AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
    }

    [Fact]
    public async Task The_list_filters_sorts_pages_and_counts()
    {
        var marker = ApiSession.UniqueName("lst");
        using var admin = await Api.AdminAsync();
        using var reader = Api.Anonymous();
        foreach (var (name, price) in new[] { ("Cherry", 3m), ("apple", 1m), ("Banana", 2m), ("Durian", 40m) })
        {
            await Api.CreateProductAsync(admin, $"{marker} {name}", price);
        }

        // "names in order | X-Total-Count"
        async Task<string> List(string query)
        {
            var response = await reader.GetAsync($"/products?q={marker}&{query}", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var names = (await response.ReadAsync()).EnumerateArray()
                .Select(p => p.GetProperty("name").GetString()![(marker.Length + 1)..]);
            return $"{string.Join(",", names)} | {response.Headers.GetValues("X-Total-Count").Single()}";
        }

        Assert.Equal("apple,Banana,Cherry,Durian | 4", await List("sort=price"));
        Assert.Equal("Durian,Cherry,Banana,apple | 4", await List("sort=-price"));
        Assert.Equal("apple,Banana,Cherry,Durian | 4", await List("sort=name"));
        Assert.Equal("Durian,Banana,apple,Cherry | 4", await List("sort=-created_at"));
        Assert.Equal("Cherry,apple,Banana,Durian | 4", await List("sort=created_at"));
        Assert.Equal("Banana,Cherry | 4", await List("sort=price&skip=1&limit=2"));
        Assert.Equal("Banana,Cherry | 2", await List("sort=price&min_price=2&max_price=3"));
        var upperCase = await reader.GetAsync($"/products?q={marker.ToUpperInvariant()}", Cancel);
        Assert.Equal("4", upperCase.Headers.GetValues("X-Total-Count").Single());
    }

    [Theory]
    [InlineData("limit=0", "query.limit")]
    [InlineData("limit=1001", "query.limit")]
    [InlineData("skip=-1", "query.skip")]
    [InlineData("limit=abc", "query.limit")]
    [InlineData("min_price=cheap", "query.min_price")]
    [InlineData("sort=popularity", "query.sort")]
    [InlineData("min_price=10&max_price=5", "query.max_price")]
    public async Task Invalid_list_queries_are_422(string query, string location)
    {
        using var client = Api.Anonymous();

        var response = await client.GetAsync($"/products?{query}", Cancel);

        var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        Assert.Contains(location, error.Locations());
    }

    [Theory]
    [InlineData("/products")]
    [InlineData("/products/")]
    public async Task Both_slash_forms_of_the_collection_answer_without_redirect(string path)
    {
        using var client = Api.Anonymous();

        var response = await client.GetAsync($"{path}?limit=1", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await response.ReadAsync()).ValueKind);
        Assert.True(response.Headers.Contains("X-Total-Count"));
    }

    [Fact]
    public async Task A_new_product_appears_in_a_cached_list_at_once()
    {
        using var admin = await Api.AdminAsync();
        using var reader = Api.Anonymous();
        var marker = ApiSession.UniqueName("new");
        await Api.CreateProductAsync(admin, $"{marker} first", 1m);
        Assert.Single((await (await reader.GetAsync($"/products?q={marker}", Cancel)).ReadAsync()).EnumerateArray());

        await Api.CreateProductAsync(admin, $"{marker} second", 1m);

        Assert.Equal(2, (await (await reader.GetAsync($"/products?q={marker}", Cancel)).ReadAsync()).GetArrayLength());
    }
}
