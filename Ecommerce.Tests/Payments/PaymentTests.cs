namespace Ecommerce.Tests.Payments;

public sealed class PaymentTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    private async Task<(HttpClient Customer, long OrderId)> PendingOrderAsync()
    {
        var product = await Api.NewProductAsync("pay", 25m, 10);
        var (customer, _, _) = await Api.NewCustomerAsync();
        return (customer, await customer.PlaceOrderAsync(product, 2));
    }

    /// <summary>A pending order paid with <paramref name="token"/>, and its payment once settled.</summary>
    private async Task<(HttpClient Customer, long OrderId, JsonElement Payment)> SettledPaymentAsync(string token)
    {
        var (customer, orderId) = await PendingOrderAsync();
        await customer.PayAsync(orderId, token);
        return (customer, orderId, await customer.WaitForPaymentAsync(orderId));
    }

    [Fact]
    public async Task The_whole_flow_runs_from_order_to_paid_in_one_trace()
    {
        using var customer = await Api.CustomerAsync();
        var product = await Api.NewProductAsync("flow", 25m, 10);
        var trace = ActivityTraceId.CreateRandom();
        customer.DefaultRequestHeaders.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var orderId = await customer.PlaceOrderAsync(product, 2);
        var accepted = await customer.PayAsync(orderId);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal($"/payments/status/{orderId}", accepted.Headers.Location?.OriginalString);
        var submission = await accepted.ReadAsync();
        Assert.True(submission.GetProperty("success").GetBoolean());
        Assert.Equal("processing", submission.GetProperty("status").GetString());
        Assert.Matches("^TX-[0-9]{8}$", submission.GetProperty("transaction_id").GetString());
        Assert.Equal(50m, submission.GetProperty("amount").GetDecimal());
        var status = await customer.WaitForPaymentAsync(orderId);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(submission.GetProperty("transaction_id").GetString(), status.GetProperty("transaction_id").GetString());
        var order = await customer.OrderOfAsync(orderId);
        Assert.Equal("paid", order.GetProperty("status").GetString());
        Assert.Equal("completed", order.GetProperty("payment_status").GetString());

        await customer.WaitForTimelineAsync(orderId, "order.created", "payment.requested", "payment.completed", "order.paid");
        var timeline = await customer.TimelineAsync(orderId);
        Assert.Equal("order.created", timeline[0].GetProperty("type").GetString());
        Assert.All(timeline, entry => Assert.Equal(trace.ToHexString(), entry.GetProperty("trace_id").GetString()));
    }

    [Fact]
    public async Task A_declined_payment_leaves_the_order_pending_and_a_retry_pays_it()
    {
        var (customer, orderId, declined) = await SettledPaymentAsync("tok_declined");
        using var _ = customer;

        var afterDecline = await customer.OrderOfAsync(orderId);
        var retry = await customer.PayAsync(orderId, "tok_visa");
        var approved = await customer.WaitForPaymentAsync(orderId);

        Assert.Equal("failed", declined.GetProperty("status").GetString());
        Assert.Equal("pending", afterDecline.GetProperty("status").GetString());
        Assert.Equal("failed", afterDecline.GetProperty("payment_status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal("completed", approved.GetProperty("status").GetString());
        Assert.NotEqual(declined.GetProperty("transaction_id").GetString(), approved.GetProperty("transaction_id").GetString());
        Assert.Equal("paid", (await customer.OrderOfAsync(orderId)).GetProperty("status").GetString());
        await customer.WaitForTimelineAsync(orderId, "payment.failed", "payment.completed", "order.paid");
    }

    [Fact]
    public async Task A_gateway_that_never_answers_ends_in_a_failed_payment()
    {
        var (customer, orderId, status) = await SettledPaymentAsync("tok_timeout");
        using var _ = customer;

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Contains("did not answer", status.GetProperty("message").GetString());
        Assert.Equal("pending", (await customer.OrderOfAsync(orderId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_second_payment_while_one_is_processing_or_after_completion_is_409()
    {
        var (customer, orderId) = await PendingOrderAsync();
        using var _ = customer;

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => customer.PayAsync(orderId, "tok_timeout")));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        await customer.WaitForPaymentAsync(orderId);
        await customer.PayAsync(orderId, "tok_visa");
        await customer.WaitForPaymentAsync(orderId);

        var afterCompletion = await customer.PayAsync(orderId, "tok_visa");

        await afterCompletion.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
    }

    [Fact]
    public async Task A_payment_retried_with_its_idempotency_key_is_the_same_payment()
    {
        var (customer, orderId) = await PendingOrderAsync();
        using var _ = customer;
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => customer.PayAsync(orderId, "tok_visa", key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var transactions = await Task.WhenAll(answers.Select(async a => (await a.ReadAsync()).GetProperty("transaction_id").GetString()));
        Assert.Single(transactions.Distinct());
        await customer.WaitForPaymentAsync(orderId);
        var timeline = await customer.WaitForTimelineAsync(orderId, "order.paid");
        Assert.Single(timeline, type => type == "payment.requested");
    }

    [Fact]
    public async Task The_status_of_an_order_without_payment_is_pending_and_unverified()
    {
        var (customer, orderId) = await PendingOrderAsync();
        using var _ = customer;

        var status = await (await customer.GetAsync($"/payments/status/{orderId}", Cancel)).ReadAsync();

        Assert.Equal("pending", status.GetProperty("status").GetString());
        Assert.False(status.GetProperty("verified").GetBoolean());
    }
}
