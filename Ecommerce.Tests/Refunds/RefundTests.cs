namespace Ecommerce.Tests.Refunds;

public sealed class RefundTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task A_partial_refund_then_the_rest_ends_refunded_with_every_step_on_the_timeline()
    {
        var (customer, orderId, _) = await PaidOrderAsync(unitPrice: 25m, quantity: 2);
        using var _ = customer;
        using var admin = await Api.AdminAsync();

        var accepted = await PostRefundAsync(admin, orderId, new { amount = 20m, reason = "one item damaged" });
        var first = await accepted.ReadAsAsync<RefundDto>(HttpStatusCode.Accepted);
        var partly = await WaitForSettledAsync(admin, first);
        var afterFirst = await OrderAsync(customer, orderId);
        var rest = await RefundAsync(admin, orderId, new { });
        var restSettled = await WaitForSettledAsync(admin, rest);

        Assert.Equal($"/orders/{orderId}/refunds/{first.Id}", accepted.Headers.Location?.OriginalString);
        Assert.Equal(("processing", false), (first.Status, first.Restock));
        Assert.Equal(("completed", 20m, "one item damaged"), (partly.Status, partly.Amount, partly.Reason));
        Assert.Equal(("paid", "partially_refunded"), (afterFirst.Status, afterFirst.PaymentStatus));
        Assert.Equal(("completed", 30m), (restSettled.Status, restSettled.Amount));
        var order = await OrderAsync(customer, orderId);
        Assert.Equal(("refunded", "refunded"), (order.Status, order.PaymentStatus));
        var list = await customer.GetAsync($"/orders/{orderId}/refunds", Cancel);
        var listed = await list.ReadAsAsync<List<RefundDto>>(HttpStatusCode.OK);
        Assert.Equal([first.Id, rest.Id], listed.Select(r => r.Id));
        Assert.Equal("2", list.Headers.GetValues("X-Total-Count").Single());
        var secondPage = await customer.GetAsync($"/orders/{orderId}/refunds?skip=1&limit=1", Cancel);
        Assert.Equal([rest.Id], (await secondPage.ReadAsAsync<List<RefundDto>>(HttpStatusCode.OK)).Select(r => r.Id));
        await customer.WaitForTimelineAsync(orderId, "refund.requested", "refund.completed", "order.refunded");
        await (await PostRefundAsync(admin, orderId, new { amount = 1m })).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
    }

    [Fact]
    public async Task Restock_returns_the_stock_exactly_once()
    {
        var (customer, orderId, productId) = await PaidOrderAsync(unitPrice: 10m, quantity: 3, stock: 10);
        using var _ = customer;
        using var admin = await Api.AdminAsync();
        Assert.Equal(7, await customer.StockOfAsync(productId));

        var refund = await WaitForSettledAsync(admin, await RefundAsync(admin, orderId, new { restock = true }));
        await customer.WaitForTimelineAsync(orderId, "order.refunded");
        var again = await PostRefundAsync(admin, orderId, new { restock = true });

        Assert.Equal(("completed", true), (refund.Status, refund.Restock));
        await Eventually.WaitForAsync(() => customer.StockOfAsync(productId), stock => stock == 10, Shopping.PipelineTimeout, "the stock to come back");
        await again.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal(10, await customer.StockOfAsync(productId));
    }

    [Fact]
    public async Task A_declined_refund_leaves_the_order_paid_and_does_not_count_against_what_is_left()
    {
        var (customer, orderId, _) = await PaidOrderAsync(unitPrice: 8m, quantity: 1, token: "tok_refund_declined");
        using var _ = customer;
        using var admin = await Api.AdminAsync();

        var declined = await WaitForSettledAsync(admin, await RefundAsync(admin, orderId, new { }));
        var order = await OrderAsync(customer, orderId);
        var retried = await RefundAsync(admin, orderId, new { amount = 8m });

        Assert.Equal("failed", declined.Status);
        Assert.False(string.IsNullOrEmpty(declined.Message));
        Assert.Equal(("paid", "completed"), (order.Status, order.PaymentStatus));
        Assert.Equal(8m, retried.Amount);
        await customer.WaitForTimelineAsync(orderId, "refund.requested", "refund.failed");
    }

    [Fact]
    public async Task Refunds_beyond_what_was_paid_or_of_an_unpaid_order_are_409()
    {
        var (customer, orderId, productId) = await PaidOrderAsync(unitPrice: 10m, quantity: 2);
        using var _ = customer;
        using var admin = await Api.AdminAsync();
        var unpaid = await customer.PlaceOrderAsync(productId, 1);

        await (await PostRefundAsync(admin, unpaid, new { })).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        await (await PostRefundAsync(admin, orderId, new { amount = 20.01m })).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        await (await PostRefundAsync(admin, orderId, new { amount = 5m, restock = true })).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        var processing = await RefundAsync(admin, orderId, new { amount = 15m });
        await (await PostRefundAsync(admin, orderId, new { amount = 6m })).AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal(15m, processing.Amount);
        await (await PostRefundAsync(admin, 987654321, new { })).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
    }

    [Fact]
    public async Task A_shipped_order_is_refunded_without_restock_only()
    {
        var (customer, orderId, _) = await PaidOrderAsync(unitPrice: 10m, quantity: 1);
        using var _ = customer;
        using var admin = await Api.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/orders/{orderId}/ship", null, Cancel)).StatusCode);

        var withRestock = await PostRefundAsync(admin, orderId, new { restock = true });
        var refund = await WaitForSettledAsync(admin, await RefundAsync(admin, orderId, new { }));

        await withRestock.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Equal("completed", refund.Status);
        Assert.Equal("refunded", (await OrderAsync(customer, orderId)).Status);
    }

    [Fact]
    public async Task A_refund_replayed_with_its_key_is_one_refund()
    {
        var (customer, orderId, _) = await PaidOrderAsync(unitPrice: 10m, quantity: 1);
        using var _ = customer;
        using var admin = await Api.AdminAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostRefundAsync(admin, orderId, new { amount = 4m }, key)));
        var refunds = await Task.WhenAll(answers.Select(a => a.ReadAsAsync<RefundDto>(HttpStatusCode.Accepted)));
        var otherBody = await PostRefundAsync(admin, orderId, new { amount = 5m }, key);

        Assert.Single(refunds.Select(r => r.Id).Distinct());
        await otherBody.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
        Assert.Single(await (await admin.GetAsync($"/orders/{orderId}/refunds", Cancel)).ReadAsAsync<List<RefundDto>>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Only_admins_refund_and_only_the_owner_or_an_admin_reads_refunds()
    {
        var (customer, orderId, _) = await PaidOrderAsync(unitPrice: 10m, quantity: 1);
        using var _ = customer;
        var (stranger, _, _) = await Api.NewCustomerAsync();
        using var __ = stranger;

        await (await PostRefundAsync(customer, orderId, new { })).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await (await stranger.GetAsync($"/orders/{orderId}/refunds", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        Assert.Empty(await (await customer.GetAsync($"/orders/{orderId}/refunds", Cancel)).ReadAsAsync<List<RefundDto>>(HttpStatusCode.OK));
    }

    [Theory]
    [InlineData("""{"amount": 0}""")]
    [InlineData("""{"amount": -5}""")]
    [InlineData("""{"amount": 1.234}""")]
    [InlineData("""{"amount": "lots"}""")]
    [InlineData("""{"restock": "yes"}""")]
    public async Task A_malformed_refund_is_422(string json)
    {
        using var admin = await Api.AdminAsync();

        var response = await admin.PostAsync("/orders/1/refunds", ApiJson.Raw(json), Cancel);

        Assert.Contains(
            (await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations(),
            l => l.StartsWith("body", StringComparison.Ordinal));
    }

    private async Task<(HttpClient Customer, long OrderId, int ProductId)> PaidOrderAsync(
        decimal unitPrice, int quantity, int stock = 10, string token = "tok_visa")
    {
        using var admin = await Api.AdminAsync();
        var product = await Api.CreateProductAsync(admin, ApiSession.UniqueName("refund"), unitPrice, stock);
        var (customer, _, _) = await Api.NewCustomerAsync();
        var orderId = await customer.PlaceOrderAsync(product.Id, quantity);
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PayAsync(orderId, token)).StatusCode);
        Assert.Equal("completed", (await customer.WaitForPaymentAsync(orderId)).GetProperty("status").GetString());
        return (customer, orderId, product.Id);
    }

    private static Task<HttpResponseMessage> PostRefundAsync(HttpClient client, long orderId, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/orders/{orderId}/refunds") { Content = ApiJson.Body(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, Cancel);
    }

    private static async Task<RefundDto> RefundAsync(HttpClient admin, long orderId, object body) =>
        await (await PostRefundAsync(admin, orderId, body)).ReadAsAsync<RefundDto>(HttpStatusCode.Accepted);

    private static Task<RefundDto> WaitForSettledAsync(HttpClient admin, RefundDto refund) =>
        Eventually.WaitForAsync(
            async () => await (await admin.GetAsync($"/orders/{refund.OrderId}/refunds/{refund.Id}", Cancel)).ReadAsAsync<RefundDto>(HttpStatusCode.OK),
            settled => settled.Status != "processing",
            Shopping.PipelineTimeout, $"refund {refund.Id} to settle");

    private static async Task<OrderDto> OrderAsync(HttpClient client, long orderId) =>
        await (await client.GetAsync($"/orders/{orderId}", Cancel)).ReadAsAsync<OrderDto>(HttpStatusCode.OK);
}
