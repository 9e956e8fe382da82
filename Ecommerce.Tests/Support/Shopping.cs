namespace Ecommerce.Tests.Support;

/// <summary>Orders and payments as a customer makes them, with the reads that tests wait on.</summary>
public static class Shopping
{
    public static readonly TimeSpan PipelineTimeout = TimeSpan.FromSeconds(45);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> OrderAsync(this HttpClient client, int productId, int quantity, string? idempotencyKey = null) =>
        client.SendAsync(Post("/orders", new { items = new[] { new { product_id = productId, quantity } }, payment_method = "credit_card" },
            idempotencyKey), Cancel);

    public static async Task<long> PlaceOrderAsync(this HttpClient client, int productId, int quantity)
    {
        var response = await client.OrderAsync(productId, quantity);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> PayAsync(this HttpClient client, long orderId, string? token = "tok_visa", string? idempotencyKey = null) =>
        client.SendAsync(Post("/payments/process", new { order_id = orderId, payment_method = "credit_card", payment_token = token },
            idempotencyKey), Cancel);

    public static async Task<JsonElement> OrderOfAsync(this HttpClient client, long orderId) =>
        await (await client.GetAsync($"/orders/{orderId}", Cancel)).ReadAsync();

    public static Task<JsonElement> WaitForPaymentAsync(this HttpClient client, long orderId) =>
        Eventually.WaitForAsync(
            async () => await (await client.GetAsync($"/payments/status/{orderId}", Cancel)).ReadAsync(),
            status => status.GetProperty("verified").GetBoolean(),
            PipelineTimeout, $"the payment of order {orderId} to be verified");

    public static Task<List<string>> WaitForTimelineAsync(this HttpClient client, long orderId, params string[] types) =>
        Eventually.WaitForAsync(
            async () => (await client.TimelineAsync(orderId)).Select(e => e.GetProperty("type").GetString()!).ToList(),
            seen => types.All(seen.Contains),
            PipelineTimeout, $"order {orderId}'s timeline to hold {string.Join(", ", types)}");

    public static async Task<List<JsonElement>> TimelineAsync(this HttpClient client, long orderId) =>
        (await (await client.GetAsync($"/orders/{orderId}/events", Cancel)).ReadAsync()).EnumerateArray().ToList();

    public static async Task<int> StockOfAsync(this HttpClient client, int productId) =>
        (await (await client.GetAsync($"/products/{productId}", Cancel)).ReadAsync()).GetProperty("stock").GetInt32();

    private static HttpRequestMessage Post(string path, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiJson.Body(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }
}
