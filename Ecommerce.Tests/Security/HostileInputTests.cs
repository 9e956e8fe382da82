namespace Ecommerce.Tests.Security;

/// <summary>Input chosen to break things gets a clear error in the envelope and writes nothing.</summary>
public sealed class HostileInputTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task A_nul_in_a_query_string_is_422()
    {
        Assert.Equal(["query.q"], (await Api.AnonymousGetErrorAsync("/products?q=%00", HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
    }

    [Fact]
    public async Task An_order_whose_total_passes_what_an_amount_holds_is_422_and_takes_no_stock()
    {
        var product = await Api.NewProductAsync("dear", 1_000_000m, 20_000);
        using var customer = await Api.CustomerAsync();
        var items = Enumerable.Range(0, 11).Select(_ => new { product_id = product, quantity = 1000 }).ToArray();

        var response = await customer.PostAsync("/orders", ApiJson.Body(new { items }), Cancel);

        var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        Assert.Equal(["body.items"], error.Locations());
        Assert.Equal(20_000, await customer.StockOfAsync(product));
        var orders = await (await customer.GetAsync("/orders", Cancel)).ReadAsync();
        Assert.Equal(0, orders.GetArrayLength());
    }

    [Fact]
    public async Task Canceling_an_order_whose_stock_would_pass_the_column_is_409_and_changes_nothing()
    {
        using var admin = await Api.AdminAsync();
        var name = ApiSession.UniqueName("full");
        var product = (await Api.CreateProductAsync(admin, name, 3m, 10)).Id;
        using var customer = await Api.CustomerAsync();
        var orderId = await customer.PlaceOrderAsync(product, 5);
        var refill = await admin.PutAsync($"/products/{product}", ApiJson.Body(new { name, price = 3m, stock = int.MaxValue - 1 }), Cancel);
        Assert.Equal(HttpStatusCode.OK, refill.StatusCode);

        var cancel = await customer.PostAsync($"/orders/{orderId}/cancel", null, Cancel);

        await cancel.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal("pending", (await customer.OrderOfAsync(orderId)).GetProperty("status").GetString());
        Assert.Equal(int.MaxValue - 1, await customer.StockOfAsync(product));
    }

    [Theory]
    [InlineData("\"1,5\"")]
    [InlineData("\"12,34\"")]
    [InlineData("\"1 000\"")]
    [InlineData("\"1e3\"")]
    public async Task A_price_in_a_string_with_anything_but_a_decimal_point_is_422(string price)
    {
        using var admin = await Api.AdminAsync();

        var response = await admin.PostAsync("/products",
            ApiJson.Raw($$"""{"name": "{{ApiSession.UniqueName("comma")}}", "price": {{price}}, "stock": 1}"""), Cancel);

        var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        Assert.Equal(["body.price"], error.Locations());
    }

    [Fact]
    public async Task A_price_in_a_string_with_a_decimal_point_is_read_as_written()
    {
        using var admin = await Api.AdminAsync();

        var response = await admin.PostAsync("/products",
            ApiJson.Raw($$"""{"name": "{{ApiSession.UniqueName("point")}}", "price": "12.34", "stock": 1}"""), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(12.34m, (await response.ReadAsync()).GetProperty("price").GetDecimal());
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\t")]
    [InlineData("\u0007")]
    public async Task A_username_with_a_control_character_is_422(string control)
    {
        var username = ApiSession.UniqueName("ctl") + control;
        using var client = Api.Anonymous();

        var response = await client.PostAsync("/users", ApiJson.Body(new { username, password = "correct-horse-42" }), Cancel);

        var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        Assert.Equal(["body.username"], error.Locations());
    }
}
