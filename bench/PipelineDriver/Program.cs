// Scenarios 4 and 8, the whole pipeline at a fixed offered rate (open loop: a slow system does not slow the offer down).
// Each arrival signs in as one of the seeded users and either places an order (FLOW "order", the default) or puts a
// line into the cart and checks the cart out (FLOW "cart"), then pays; the payment worker settles it and the order
// turns paid. Cart arrivals take the users in turn, and a user's next cart waits for the checkout of the one before,
// so that one user's carts never mix. When the offer ends,
// waits for every accepted order to end paid, then reads the order-to-paid latency from the orders' own timestamps
// (created_at, paid_at). With BENCH_WEBHOOK_SUBSCRIPTION set, it then waits for that subscription's deliveries of the
// run's events to be sent and reads how long each took from its event to its first successful attempt.
// Usage: PipelineDriver API_URL CONNECTION TOKENS_FILE FIRST_PRODUCT PRODUCTS RATE SECONDS [FLOW]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

var (api, connectionString, tokens) = (new Uri(args[0]), args[1], File.ReadAllLines(args[2]).Where(t => t.Length > 0).ToArray());
var (firstProduct, products, rate, seconds) = (int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]), int.Parse(args[6]));
var throughCart = args.Length > 7 && args[7] == "cart";
var carts = tokens.ToDictionary(t => t, _ => new SemaphoreSlim(1));

using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = api,
    Timeout = TimeSpan.FromSeconds(30),
};
var orderIds = new ConcurrentBag<long>();
var errorReasons = new ConcurrentDictionary<string, int>();
var arrivals = rate * seconds;
var inFlight = new List<Task>(arrivals);
var clock = Stopwatch.StartNew();

for (var arrival = 0; arrival < arrivals; arrival++)
{
    var due = TimeSpan.FromSeconds((double)arrival / rate);
    if (due > clock.Elapsed)
    {
        await Task.Delay(due - clock.Elapsed);
    }

    var token = tokens[throughCart ? arrival % tokens.Length : Random.Shared.Next(tokens.Length)];
    inFlight.Add(OrderAndPayAsync(token, firstProduct + Random.Shared.Next(products)));
}

await Task.WhenAll(inFlight);
var offerEnded = clock.Elapsed;

await using var dataSource = NpgsqlDataSource.Create(connectionString);
var ids = orderIds.ToArray();
var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
long paid;
do
{
    await Task.Delay(200);
    paid = await ScalarAsync<long>("SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'Paid'");
}
while (paid < ids.Length && clock.Elapsed < deadline);

var latencies = await LatenciesAsync();
var webhooks = await WebhookDeliveriesAsync();
var span = await ScalarAsync<double>("SELECT extract(epoch FROM max(paid_at) - min(created_at))::float8 FROM orders WHERE id = ANY($1)");
double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, p / 100 * latencies.Count)];
Console.Error.WriteLine($"offered {arrivals} in {offerEnded.TotalSeconds:F1} s; {ids.Length} placed, {paid} paid");
foreach (var (reason, count) in errorReasons)
{
    Console.Error.WriteLine($"{count} × {reason}");
}
Console.WriteLine(JsonSerializer.Serialize(new
{
    offered_rps = rate,
    paid_rps = span > 0 ? paid / span : 0,
    p50_ms = Percentile(50),
    p95_ms = Percentile(95),
    p99_ms = Percentile(99),
    errors = errorReasons.Values.Sum() + (ids.Length - paid),
    requests = arrivals,
    paid,
    webhook_deliveries = webhooks?.Delivered,
    webhook_pending = webhooks?.Pending,
    webhook_p99_ms = webhooks?.P99,
}).Insert(0, "RESULT "));

// The subscription's deliveries of the events about this run's orders (as many as the outbox holds): how many were
// sent, how many are still owed once 60 s have passed without progress, and the 99th percentile from event to first
// successful attempt.
async Task<(long Delivered, long Pending, double P99)?> WebhookDeliveriesAsync()
{
    if (Environment.GetEnvironmentVariable("BENCH_WEBHOOK_SUBSCRIPTION") is not { Length: > 0 } subscription)
    {
        return null;
    }

    const string OfThisRun = "subscription_id = $2 AND (body::jsonb -> 'data' ->> 'order_id')::bigint = ANY($1)";
    async Task<long> CountAsync(string sql)
    {
        await using var command = PlacedOrdersCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = long.Parse(subscription) });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    Task<long> DeliveredAsync() => CountAsync($"SELECT count(*) FROM webhook_deliveries WHERE {OfThisRun} AND status = 'Delivered'");
    var events = await CountAsync("SELECT count(*) FROM outbox_messages WHERE (payload -> 'data' ->> 'order_id')::bigint = ANY($1) AND $2 > 0");
    var (delivered, stalledSince) = (await DeliveredAsync(), clock.Elapsed);
    while (delivered < events && clock.Elapsed - stalledSince < TimeSpan.FromSeconds(60))
    {
        await Task.Delay(200);
        var now = await DeliveredAsync();
        if (now > delivered)
        {
            (delivered, stalledSince) = (now, clock.Elapsed);
        }
    }

    await using var lag = PlacedOrdersCommand($"""
        SELECT coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM first_success - (d.body::jsonb ->> 'occurred_at')::timestamptz) * 1000), 0)::float8
        FROM webhook_deliveries d
        CROSS JOIN LATERAL (SELECT min(a.delivered_at) AS first_success FROM webhook_attempts a
            WHERE a.delivery_id = d.id AND a.status_code BETWEEN 200 AND 299) s
        WHERE {OfThisRun} AND d.status = 'Delivered'
        """);
    lag.Parameters.Add(new NpgsqlParameter { Value = long.Parse(subscription) });
    return (delivered, events - delivered, (double)(await lag.ExecuteScalarAsync())!);
}

async Task OrderAndPayAsync(string token, int productId)
{
    try
    {
        var auth = new AuthenticationHeaderValue("Bearer", token);
        using var order = throughCart ? await CheckOutAsync(auth, productId) : await SendAsync(auth, HttpMethod.Post, "/orders",
            new { items = new[] { new { product_id = productId, quantity = 1 } }, payment_method = "credit_card" });
        var orderId = (await order.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var payment = await SendAsync(auth, HttpMethod.Post, "/payments/process", new { order_id = orderId, payment_method = "credit_card" });
        orderIds.Add(orderId);
    }
    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
    {
        errorReasons.AddOrUpdate(exception.Message, 1, (_, count) => count + 1);
    }
}

async Task<HttpResponseMessage> CheckOutAsync(AuthenticationHeaderValue auth, int productId)
{
    var cart = carts[auth.Parameter!];
    await cart.WaitAsync();
    try
    {
        using var line = await SendAsync(auth, HttpMethod.Put, $"/cart/items/{productId}", new { quantity = 1 });
        return await SendAsync(auth, HttpMethod.Post, "/cart/checkout", new
        {
            payment_method = "credit_card",
            shipping_address = new { name = "Bench Customer", line1 = "1 Load Street", city = "Berlin", postal_code = "10115", country = "DE" },
        });
    }
    finally
    {
        cart.Release();
    }
}

async Task<HttpResponseMessage> SendAsync(AuthenticationHeaderValue auth, HttpMethod method, string path, object body)
{
    using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
    request.Headers.Authorization = auth;
    var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        using (response)
        {
            throw new HttpRequestException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    return response;
}

// A query over the orders this run placed ($1).
NpgsqlCommand PlacedOrdersCommand(string sql)
{
    var command = dataSource.CreateCommand(sql);
    command.Parameters.Add(new NpgsqlParameter { Value = ids });
    return command;
}

async Task<T> ScalarAsync<T>(string sql)
{
    await using var command = PlacedOrdersCommand(sql);
    return (T)(await command.ExecuteScalarAsync())!;
}

async Task<List<double>> LatenciesAsync()
{
    await using var command = PlacedOrdersCommand(
        "SELECT (extract(epoch FROM paid_at - created_at) * 1000)::float8 FROM orders WHERE id = ANY($1) AND paid_at IS NOT NULL ORDER BY 1");
    var result = new List<double>(ids.Length);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        result.Add(reader.GetDouble(0));
    }

    return result;
}
