namespace Ecommerce.Tests.Cart;

public sealed class CheckoutTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    private static readonly object Address = new
    {
        name = "Ada Lovelace",
        line1 = "12 Analytical Row",
        city = "London",
        postal_code = "NW1 2AB",
        country = "GB",
    };

    [Fact]
    public async Task Checkout_turns_the_cart_into_an_order_with_its_address_reserves_the_stock_and_empties_the_cart()
    {
        using var admin = await Api.AdminAsync();
        var kettle = await Api.CreateProductAsync(admin, "Checkout kettle", 30m, stock: 5);
        var mug = await Api.CreateProductAsync(admin, "Checkout mug", 4.5m, stock: 5);
        var (customer, userId, _) = await Api.NewCustomerAsync();
        using var _ = customer;
        await CartTests.SetAsync(customer, kettle.Id, 1);
        await CartTests.SetAsync(customer, mug.Id, 2);

        var response = await CheckoutAsync(customer, new { payment_method = "paypal", shipping_address = Address, expected_total = 39m });

        var order = await response.ReadAsAsync<OrderDto>(HttpStatusCode.Created);
        Assert.Equal($"/orders/{order.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((userId, "pending", "paypal", 39m), (order.UserId, order.Status, order.PaymentMethod, order.TotalAmount));
        Assert.Equal([(kettle.Id, 1, 30m), (mug.Id, 2, 4.5m)], order.Items.Select(i => (i.ProductId, i.Quantity, i.Price)));
        Assert.Equal(new AddressDto("Ada Lovelace", "12 Analytical Row", null, "London", "NW1 2AB", "GB"), order.ShippingAddress);
        Assert.Equal((4, 3), (await customer.StockOfAsync(kettle.Id), await customer.StockOfAsync(mug.Id)));
        Assert.Empty((await CartTests.ReadCartAsync(customer)).Items);
        Assert.Equal(order.ShippingAddress, (await (await customer.GetAsync($"/orders/{order.Id}", Cancel)).ReadAsAsync<OrderDto>()).ShippingAddress);
    }

    [Fact]
    public async Task An_empty_cart_is_409()
    {
        using var customer = await Api.CustomerAsync();

        var response = await CheckoutAsync(customer, new { payment_method = "credit_card", shipping_address = Address });

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal("Cart is empty", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_price_change_since_the_expected_total_is_409_reserves_nothing_and_keeps_the_cart()
    {
        var (customer, product, seen) = await CustomerWithCartAsync("Price moves", 10m, 5, 2);
        using var _ = customer;
        await Api.ReplaceProductAsync(product.Id, "Price moves", 12m, 5);

        var error = await (await CheckoutAsync(customer, new { payment_method = "credit_card", shipping_address = Address, expected_total = seen.TotalAmount }))
            .AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal((20m, 24m), (error.GetProperty("detail").GetProperty("expected_total").GetDecimal(),
            error.GetProperty("detail").GetProperty("total_amount").GetDecimal()));
        Assert.Equal(5, await customer.StockOfAsync(product.Id));
        Assert.Equal(2, (await CartTests.ReadCartAsync(customer)).ItemCount);
        Assert.Equal(0, await OrderCountAsync(customer));
    }

    [Fact]
    public async Task A_checkout_replayed_with_its_key_creates_one_order()
    {
        var (customer, product, _) = await CustomerWithCartAsync("Replayed", 7m, 10, 3);
        using var _ = customer;
        var body = new { payment_method = "credit_card", shipping_address = Address };
        var key = Guid.NewGuid().ToString();

        var first = await (await CheckoutAsync(customer, body, key)).ReadAsAsync<OrderDto>(HttpStatusCode.Created);
        var again = await (await CheckoutAsync(customer, body, key)).ReadAsAsync<OrderDto>(HttpStatusCode.Created);
        var otherBody = await CheckoutAsync(customer, new { payment_method = "paypal", shipping_address = Address }, key);

        Assert.Equal(first.Id, again.Id);
        await otherBody.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal(1, await OrderCountAsync(customer));
        Assert.Equal(7, await customer.StockOfAsync(product.Id));
    }

    [Fact]
    public async Task Twin_checkouts_with_one_key_create_one_order()
    {
        var (customer, product, _) = await CustomerWithCartAsync("Twins", 7m, 10, 2);
        using var _ = customer;
        var key = Guid.NewGuid().ToString();
        var body = new { payment_method = "credit_card", shipping_address = Address };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CheckoutAsync(customer, body, key)));

        var orders = await Task.WhenAll(answers.Select(a => a.ReadAsAsync<OrderDto>(HttpStatusCode.Created)));
        Assert.Single(orders.Select(o => o.Id).Distinct());
        Assert.Equal(8, await customer.StockOfAsync(product.Id));
    }

    [Fact]
    public async Task A_shortage_is_409_like_an_order_and_keeps_the_cart()
    {
        var (customer, product, _) = await CustomerWithCartAsync("Sold out soon", 5m, 3, 3);
        using var _ = customer;
        await Api.ReplaceProductAsync(product.Id, "Sold out soon", 5m, 2);

        var error = await (await CheckoutAsync(customer, new { payment_method = "credit_card", shipping_address = Address }))
            .AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal(product.Id, error.GetProperty("detail")[0].GetProperty("product_id").GetInt32());
        Assert.Equal(3, (await CartTests.ReadCartAsync(customer)).ItemCount);
    }

    [Theory]
    [InlineData("""{"payment_method": "credit_card"}""", "body.shipping_address")]
    [InlineData("""{"shipping_address": {"name": "A", "line1": "B", "city": "C", "postal_code": "D", "country": "DE"}}""", "body.payment_method")]
    [InlineData("""{"payment_method": "credit_card", "shipping_address": {"name": "A", "line1": "B", "city": "C", "postal_code": "D", "country": "de"}}""", "body.shipping_address.country")]
    [InlineData("""{"payment_method": "credit_card", "shipping_address": {"name": "A", "line1": "B", "city": "C", "postal_code": "D", "country": "XX"}}""", "body.shipping_address.country")]
    [InlineData("""{"payment_method": "credit_card", "shipping_address": {"line1": "B", "city": "C", "postal_code": "D", "country": "DE"}}""", "body.shipping_address.name")]
    [InlineData("""{"payment_method": "credit_card", "shipping_address": {"name": "A", "line1": "B", "city": "C", "postal_code": "D", "country": "DE"}, "expected_total": -1}""", "body.expected_total")]
    public async Task A_checkout_without_a_valid_address_or_payment_method_is_422(string json, string location)
    {
        var (customer, _, _) = await CustomerWithCartAsync("Validated", 1m, 10, 1);
        using var _ = customer;

        var response = await customer.PostAsync("/cart/checkout", ApiJson.Raw(json), Cancel);

        Assert.Contains(location, (await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
        Assert.Equal(1, (await CartTests.ReadCartAsync(customer)).ItemCount);
    }

    [Fact]
    public async Task An_order_takes_an_optional_address_and_an_order_without_one_has_null()
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, "Addressed", 1m);
        using var customer = await Api.CustomerAsync();

        var addressed = await customer.PostAsync("/orders",
            ApiJson.Body(new { items = new[] { new { product_id = product.Id, quantity = 1 } }, shipping_address = Address }), Cancel);
        var plain = await customer.OrderAsync(product.Id, 1);
        var invalid = await customer.PostAsync("/orders", ApiJson.Body(new
        {
            items = new[] { new { product_id = product.Id, quantity = 1 } },
            shipping_address = new { name = "A", line1 = "B", city = "C", postal_code = "D", country = "ZZ" },
        }), Cancel);

        Assert.Equal("GB", (await addressed.ReadAsAsync<OrderDto>(HttpStatusCode.Created)).ShippingAddress?.Country);
        Assert.Equal(JsonValueKind.Null, (await plain.ReadAsync()).GetProperty("shipping_address").ValueKind);
        Assert.Contains("body.shipping_address.country", (await invalid.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
    }

    /// <summary>A new customer whose cart holds <paramref name="quantity"/> of a new product.</summary>
    private async Task<(HttpClient Customer, ProductDto Product, CartDto Cart)> CustomerWithCartAsync(
        string name, decimal price, int stock, int quantity)
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, name, price, stock: stock);
        var (customer, _, _) = await Api.NewCustomerAsync();
        return (customer, product, await CartTests.SetAsync(customer, product.Id, quantity));
    }

    private static Task<HttpResponseMessage> CheckoutAsync(HttpClient customer, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/checkout") { Content = ApiJson.Body(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return customer.SendAsync(request, Cancel);
    }

    private static async Task<int> OrderCountAsync(HttpClient customer) =>
        int.Parse((await customer.GetAsync("/orders", Cancel)).Headers.GetValues("X-Total-Count").Single());
}
