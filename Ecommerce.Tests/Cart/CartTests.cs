namespace Ecommerce.Tests.Cart;

public sealed class CartTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task An_empty_cart_has_the_contract_shape()
    {
        using var customer = await Api.CustomerAsync();

        var response = await customer.GetAsync("/cart", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"items":[],"total_amount":0.00,"item_count":0,"updated_at":null}""", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Lines_are_set_replaced_and_removed_and_the_cart_is_priced_per_line_and_in_units()
    {
        using var admin = await Api.AdminAsync();
        var teapot = await Api.CreateProductAsync(admin, "Cart teapot", 12.5m, stock: 10);
        var cup = await Api.CreateProductAsync(admin, "Cart cup", 3m, stock: 10);
        using var customer = await Api.CustomerAsync();

        await SetAsync(customer, teapot.Id, 1);
        await SetAsync(customer, cup.Id, 4);
        var cart = await SetAsync(customer, teapot.Id, 2);

        Assert.Equal(
            [new CartLineDto(teapot.Id, "Cart teapot", 12.5m, 2, 25m, true), new CartLineDto(cup.Id, "Cart cup", 3m, 4, 12m, true)],
            cart.Items);
        Assert.Equal((37m, 6), (cart.TotalAmount, cart.ItemCount));
        Assert.NotNull(cart.UpdatedAt);
        var removed = await (await customer.DeleteAsync($"/cart/items/{teapot.Id}", Cancel)).ReadAsAsync<CartDto>(HttpStatusCode.OK);
        Assert.Equal([cup.Id], removed.Items.Select(l => l.ProductId));
        var absent = await customer.DeleteAsync($"/cart/items/{teapot.Id}", Cancel);
        Assert.Equal([cup.Id], (await absent.ReadAsAsync<CartDto>(HttpStatusCode.OK)).Items.Select(l => l.ProductId));
        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync("/cart", Cancel)).StatusCode);
        var emptied = await ReadCartAsync(customer);
        Assert.Empty(emptied.Items);
        Assert.Equal((0m, 0, (DateTime?)null), (emptied.TotalAmount, emptied.ItemCount, emptied.UpdatedAt));
    }

    [Fact]
    public async Task A_cart_read_then_changed_reads_as_changed_at_once()
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, "Read again", 2m, stock: 10);
        using var customer = await Api.CustomerAsync();
        Assert.Empty((await ReadCartAsync(customer)).Items);

        await SetAsync(customer, product.Id, 3);
        Assert.Equal(3, (await ReadCartAsync(customer)).ItemCount);
        await SetAsync(customer, product.Id, 1);
        Assert.Equal(1, (await ReadCartAsync(customer)).ItemCount);
        Assert.Equal(HttpStatusCode.OK, (await customer.DeleteAsync($"/cart/items/{product.Id}", Cancel)).StatusCode);
        Assert.Empty((await ReadCartAsync(customer)).Items);
        await SetAsync(customer, product.Id, 4);
        Assert.Equal(4, (await ReadCartAsync(customer)).ItemCount);
        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync("/cart", Cancel)).StatusCode);
        Assert.Empty((await ReadCartAsync(customer)).Items);
    }

    [Fact]
    public async Task Carts_are_per_user()
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, "Mine", 1m);
        var (first, _, _) = await Api.NewCustomerAsync();
        var (second, _, _) = await Api.NewCustomerAsync();
        using var _ = first;
        using var __ = second;

        await SetAsync(first, product.Id, 3);

        Assert.Empty((await ReadCartAsync(second)).Items);
        Assert.Equal(3, (await ReadCartAsync(first)).ItemCount);
    }

    [Fact]
    public async Task A_cart_shows_current_prices_and_marks_lines_the_catalog_can_no_longer_serve()
    {
        using var admin = await Api.AdminAsync();
        var repriced = await Api.CreateProductAsync(admin, "Repriced", 10m, stock: 10);
        var scarce = await Api.CreateProductAsync(admin, "Scarce", 1m, stock: 10);
        var departed = await Api.CreateProductAsync(admin, "Departed", 2m, stock: 10);
        using var customer = await Api.CustomerAsync();
        await SetAsync(customer, repriced.Id, 1);
        await SetAsync(customer, scarce.Id, 5);
        await SetAsync(customer, departed.Id, 1);

        await admin.PutAsync($"/products/{repriced.Id}", ApiJson.Body(new { name = "Repriced", price = 11m, stock = 10 }), Cancel);
        await admin.PutAsync($"/products/{scarce.Id}", ApiJson.Body(new { name = "Scarce", price = 1m, stock = 4 }), Cancel);
        await admin.DeleteAsync($"/products/{departed.Id}", Cancel);
        var cart = await ReadCartAsync(customer);

        Assert.Equal(new CartLineDto(repriced.Id, "Repriced", 11m, 1, 11m, true), cart.Items[0]);
        Assert.False(cart.Items[1].Available);
        Assert.Equal(new CartLineDto(departed.Id, "Departed", 2m, 1, 2m, false), cart.Items[2]);
    }

    [Theory]
    [InlineData("""{"quantity": 0}""")]
    [InlineData("""{"quantity": 1001}""")]
    [InlineData("""{}""")]
    [InlineData("""{"quantity": "many"}""")]
    public async Task A_line_of_a_bad_quantity_is_422(string json)
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, "Counted", 1m);
        using var customer = await Api.CustomerAsync();

        var error = await customer.SendInvalidAsync(HttpMethod.Put, $"/cart/items/{product.Id}", json);
        Assert.Contains(error.Locations(), l => l.StartsWith("body", StringComparison.Ordinal));
        Assert.Empty((await ReadCartAsync(customer)).Items);
    }

    [Fact]
    public async Task An_unknown_or_deleted_product_is_422_and_anonymous_clients_must_sign_in()
    {
        using var admin = await Api.AdminAsync();
        var deleted = await Api.CreateProductAsync(admin, "Gone", 1m);
        await admin.DeleteAsync($"/products/{deleted.Id}", Cancel);
        using var customer = await Api.CustomerAsync();
        using var anonymous = Api.Anonymous();

        foreach (var productId in new[] { 987654321, deleted.Id })
        {
            var response = await customer.PutAsync($"/cart/items/{productId}", ApiJson.Body(new { quantity = 1 }), Cancel);
            Assert.Contains("path.product_id", (await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
        }

        await (await anonymous.GetAsync("/cart", Cancel)).AssertErrorAsync(HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
    }

    [Fact]
    public async Task A_cart_holds_at_most_a_hundred_lines()
    {
        using var admin = await Api.AdminAsync();
        using var customer = await Api.CustomerAsync();
        var products = new List<ProductDto>();
        for (var i = 0; i <= 100; i++)
        {
            products.Add(await Api.CreateProductAsync(admin, $"Line {i}", 1m));
        }

        foreach (var product in products.Take(100))
        {
            await SetAsync(customer, product.Id, 1);
        }

        var oneTooMany = await customer.PutAsync($"/cart/items/{products[100].Id}", ApiJson.Body(new { quantity = 1 }), Cancel);
        var changeOfAnExistingLine = await SetAsync(customer, products[0].Id, 2);

        await oneTooMany.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal((100, 101), (changeOfAnExistingLine.Items.Count, changeOfAnExistingLine.ItemCount));
    }

    public static async Task<CartDto> SetAsync(HttpClient customer, int productId, int quantity) =>
        await (await customer.PutAsync($"/cart/items/{productId}", ApiJson.Body(new { quantity }), Cancel)).ReadAsAsync<CartDto>(HttpStatusCode.OK);

    public static async Task<CartDto> ReadCartAsync(HttpClient customer) =>
        await (await customer.GetAsync("/cart", Cancel)).ReadAsAsync<CartDto>(HttpStatusCode.OK);
}
