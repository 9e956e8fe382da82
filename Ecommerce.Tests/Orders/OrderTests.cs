namespace Ecommerce.Tests.Orders;

public sealed class OrderTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    private Task<int> NewProductAsync(int stock, decimal price = 10m) => Api.NewProductAsync("item", price, stock);

    /// <summary>A new customer's pending order of <paramref name="quantity"/> of a new product.</summary>
    private async Task<(HttpClient Customer, int Product, long OrderId)> PendingOrderAsync(int stock, int quantity)
    {
        var product = await NewProductAsync(stock);
        var customer = await Api.CustomerAsync();
        return (customer, product, await customer.PlaceOrderAsync(product, quantity));
    }

    [Fact]
    public async Task An_order_copies_prices_totals_exactly_and_reserves_stock()
    {
        var cheap = await NewProductAsync(stock: 10, price: 0.10m);
        var dear = await NewProductAsync(stock: 5, price: 19.99m);
        var (customer, userId, _) = await Api.NewCustomerAsync();
        using var _ = customer;
        // Read first, so that the products are cached when the order takes their stock.
        Assert.Equal(10, await customer.StockOfAsync(cheap));
        Assert.Equal(5, await customer.StockOfAsync(dear));

        var response = await customer.PostAsync("/orders", ApiJson.Body(new
        {
            items = new[] { new { product_id = cheap, quantity = 3 }, new { product_id = dear, quantity = 2 } },
            payment_method = "paypal",
        }), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.ReadAsync();
        Assert.Equal($"/orders/{order.GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        Assert.Matches("^ORD-[0-9A-F]{8}$", order.GetProperty("order_number").GetString());
        Assert.Equal(userId, order.GetProperty("user_id").GetInt32());
        Assert.Equal("pending", order.GetProperty("status").GetString());
        Assert.Equal("pending", order.GetProperty("payment_status").GetString());
        Assert.Equal("paypal", order.GetProperty("payment_method").GetString());
        Assert.Contains("\"total_amount\":40.28", await response.Content.ReadAsStringAsync(Cancel));
        var items = order.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([0.10m, 19.99m], items.Select(i => i.GetProperty("price").GetDecimal()));
        Assert.Equal(7, await customer.StockOfAsync(cheap));
        Assert.Equal(3, await customer.StockOfAsync(dear));
    }

    [Fact]
    public async Task Ordering_requires_signing_in()
    {
        var product = await NewProductAsync(stock: 5);
        using var anonymous = Api.Anonymous();

        var response = await anonymous.OrderAsync(product, 1);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        Assert.Equal(5, await anonymous.StockOfAsync(product));
    }

    [Fact]
    public async Task More_than_100_lines_is_422()
    {
        using var customer = await Api.CustomerAsync();

        var response = await customer.PostAsync("/orders",
            ApiJson.Body(new { items = Enumerable.Range(1, 101).Select(i => new { product_id = i, quantity = 1 }) }), Cancel);

        await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
    }

    [Fact]
    public async Task An_unknown_or_deleted_product_is_422_and_nothing_is_reserved()
    {
        var kept = await NewProductAsync(stock: 5);
        var deleted = await NewProductAsync(stock: 5);
        using (var admin = await Api.AdminAsync())
        {
            await admin.DeleteAsync($"/products/{deleted}", Cancel);
        }

        using var customer = await Api.CustomerAsync();

        foreach (var missing in new[] { 987654321, deleted })
        {
            var response = await customer.PostAsync("/orders", ApiJson.Body(new
            {
                items = new[] { new { product_id = kept, quantity = 2 }, new { product_id = missing, quantity = 1 } },
            }), Cancel);
            var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
            Assert.Equal(["body.items.1.product_id"], error.Locations());
        }

        Assert.Equal(5, await customer.StockOfAsync(kept));
    }

    [Fact]
    public async Task Not_enough_stock_is_409_naming_each_short_product_and_nothing_is_reserved()
    {
        var plenty = await NewProductAsync(stock: 50);
        var scarce = await NewProductAsync(stock: 2);
        using var customer = await Api.CustomerAsync();

        var response = await customer.PostAsync("/orders", ApiJson.Body(new
        {
            items = new[] { new { product_id = plenty, quantity = 5 }, new { product_id = scarce, quantity = 3 } },
        }), Cancel);

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        var shortage = error.GetProperty("detail").EnumerateArray().Single();
        Assert.Equal(scarce, shortage.GetProperty("product_id").GetInt32());
        Assert.Equal(3, shortage.GetProperty("requested").GetInt32());
        Assert.Equal(2, shortage.GetProperty("available").GetInt32());
        Assert.Equal(50, await customer.StockOfAsync(plenty));
        Assert.Equal(2, await customer.StockOfAsync(scarce));
    }

    // The writer places a group whose products it has seen in one round trip, pricing it as it last saw them; these
    // check that a later change to such a product is honoured.
    [Fact]
    public async Task An_order_after_a_price_change_pays_the_new_price()
    {
        var (customer, product, _) = await PendingOrderAsync(stock: 10, quantity: 1);
        using var _ = customer;
        await Api.ReplaceProductAsync(product, ApiSession.UniqueName("renamed"), 12.5m, 9);

        var response = await customer.OrderAsync(product, 2);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = (await response.ReadAsync()).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(12.5m, item.GetProperty("price").GetDecimal());
        Assert.StartsWith("renamed", item.GetProperty("product_name").GetString());
        Assert.Equal(7, await customer.StockOfAsync(product));
    }

    [Fact]
    public async Task An_order_for_more_than_is_left_of_an_ordered_product_is_409_with_what_is_left()
    {
        var (customer, product, _) = await PendingOrderAsync(stock: 3, quantity: 1);
        using var _ = customer;

        var response = await customer.OrderAsync(product, 5);

        var error = await response.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal(2, error.GetProperty("detail").EnumerateArray().Single().GetProperty("available").GetInt32());
        Assert.Equal(2, await customer.StockOfAsync(product));
    }

    [Fact]
    public async Task A_product_deleted_after_it_was_ordered_is_422()
    {
        var (customer, product, _) = await PendingOrderAsync(stock: 5, quantity: 1);
        using var _ = customer;
        using (var admin = await Api.AdminAsync())
        {
            await admin.DeleteAsync($"/products/{product}", Cancel);
        }

        var response = await customer.OrderAsync(product, 1);

        await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
    }

    [Fact]
    public async Task Concurrent_orders_never_oversell()
    {
        const int stock = 10;
        const int buyers = 30;
        var product = await NewProductAsync(stock);
        using var customer = await Api.CustomerAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, buyers).Select(_ => customer.OrderAsync(product, 1)));

        Assert.Equal(stock, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(buyers - stock, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(0, await customer.StockOfAsync(product));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_create_one_order_and_move_stock_once()
    {
        var product = await NewProductAsync(stock: 100);
        using var customer = await Api.CustomerAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => customer.OrderAsync(product, 4, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.ReadAsync()).GetProperty("id").GetInt64()));
        Assert.Single(ids.Distinct());
        Assert.Equal(96, await customer.StockOfAsync(product));
        var list = await customer.GetAsync("/orders", Cancel);
        Assert.Equal("1", list.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_409()
    {
        var product = await NewProductAsync(stock: 100);
        using var customer = await Api.CustomerAsync();
        var key = Guid.NewGuid().ToString();
        await customer.OrderAsync(product, 1, key);

        var reused = await customer.OrderAsync(product, 2, key);

        await reused.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal(99, await customer.StockOfAsync(product));
    }

    [Fact]
    public async Task Someone_elses_order_is_404_everywhere()
    {
        var product = await NewProductAsync(stock: 5);
        using var owner = await Api.CustomerAsync();
        var orderId = await owner.PlaceOrderAsync(product, 1);
        using var stranger = await Api.CustomerAsync();

        await (await stranger.GetAsync($"/orders/{orderId}", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await (await stranger.GetAsync($"/orders/{orderId}/events", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await (await stranger.PostAsync($"/orders/{orderId}/cancel", null, Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await (await stranger.PayAsync(orderId)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        await (await stranger.GetAsync($"/payments/status/{orderId}", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        Assert.Equal("pending", (await owner.OrderOfAsync(orderId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Customers_list_their_own_orders_newest_first_and_admins_filter_by_user()
    {
        var product = await NewProductAsync(stock: 10);
        var (alice, aliceId, _) = await Api.NewCustomerAsync();
        using var _ = alice;
        using var bob = await Api.CustomerAsync();
        var first = await alice.PlaceOrderAsync(product, 1);
        var second = await alice.PlaceOrderAsync(product, 1);
        await bob.PlaceOrderAsync(product, 1);
        using var admin = await Api.AdminAsync();

        var own = await alice.GetAsync("/orders/", Cancel);
        var filtered = await admin.GetAsync($"/orders?user_id={aliceId}&status=pending", Cancel);

        var ownOrders = (await own.ReadAsync()).EnumerateArray().ToList();
        Assert.Equal([second, first], ownOrders.Select(o => o.GetProperty("id").GetInt64()));
        Assert.Equal("2", own.Headers.GetValues("X-Total-Count").Single());
        var summary = ownOrders[0];
        Assert.Equal(
            ["created_at", "id", "order_number", "payment_status", "status", "total_amount"],
            summary.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal([second, first], (await filtered.ReadAsync()).EnumerateArray().Select(o => o.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task An_unknown_status_filter_is_422()
    {
        using var customer = await Api.CustomerAsync();

        var response = await customer.GetAsync("/orders?status=lost", Cancel);

        var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        Assert.Equal(["query.status"], error.Locations());
    }

    [Fact]
    public async Task Canceling_releases_stock_once_and_a_canceled_order_cannot_be_canceled_again()
    {
        var (customer, product, orderId) = await PendingOrderAsync(stock: 10, quantity: 4);
        using var _ = customer;
        Assert.Equal(6, await customer.StockOfAsync(product));

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => customer.PostAsync($"/orders/{orderId}/cancel", null, Cancel)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(10, await customer.StockOfAsync(product));
        Assert.Equal("canceled", (await customer.OrderOfAsync(orderId)).GetProperty("status").GetString());
        await customer.WaitForTimelineAsync(orderId, "order.created", "order.canceled");
        await (await customer.PayAsync(orderId)).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
    }

    [Fact]
    public async Task An_unpaid_order_expires_and_its_stock_returns()
    {
        var (customer, product, orderId) = await PendingOrderAsync(stock: 10, quantity: 3);
        using var _ = customer;
        // Cached now: the release happens in the order consumer, not in the API that serves the cache.
        Assert.Equal(7, await customer.StockOfAsync(product));

        var expired = await Eventually.WaitForAsync(
            () => customer.OrderOfAsync(orderId),
            order => order.GetProperty("status").GetString() == "canceled",
            EcommerceAppFixture.UnpaidOrderExpiry + TimeSpan.FromSeconds(30), "the unpaid order to expire");

        Assert.Equal("canceled", expired.GetProperty("status").GetString());
        // Well within the cache's own expiry (a minute in memory, ten in Redis).
        await Eventually.WaitForAsync(() => customer.StockOfAsync(product), stock => stock == 10, TimeSpan.FromSeconds(15),
            "the released stock to show in the catalog");
        var timeline = await customer.WaitForTimelineAsync(orderId, "order.canceled");
        Assert.Single(timeline, type => type == "order.canceled");
    }

    [Fact]
    public async Task Admins_ship_and_deliver_paid_orders_in_order()
    {
        var product = await NewProductAsync(stock: 10);
        using var customer = await Api.CustomerAsync();
        using var admin = await Api.AdminAsync();
        var orderId = await customer.PlaceOrderAsync(product, 1);

        await (await admin.PostAsync($"/orders/{orderId}/ship", null, Cancel)).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        await customer.PayAsync(orderId);
        await customer.WaitForPaymentAsync(orderId);
        await (await customer.PostAsync($"/orders/{orderId}/ship", null, Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await (await admin.PostAsync($"/orders/{orderId}/deliver", null, Cancel)).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        await (await customer.PostAsync($"/orders/{orderId}/cancel", null, Cancel)).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");

        var shipped = await (await admin.PostAsync($"/orders/{orderId}/ship", null, Cancel)).ReadAsync();
        var delivered = await (await admin.PostAsync($"/orders/{orderId}/deliver", null, Cancel)).ReadAsync();

        Assert.Equal("shipped", shipped.GetProperty("status").GetString());
        Assert.Equal("delivered", delivered.GetProperty("status").GetString());
        await customer.WaitForTimelineAsync(orderId, "order.paid", "order.shipped", "order.delivered");
    }
}
