// The ceiling for order creation: plain Npgsql doing what one order does in the database, in one transaction:
// take stock, insert the order, its item and its outbox row, for products spread over the seeded catalog as the API
// scenario's are. Its connections are tuned as the services' are, and the pool has Npgsql's default size, as theirs has.
// Order numbers are made as Order.NumberFor makes them, so its orders never collide with the API's.
// Usage: NpgsqlCeiling CONNECTION FIRST_PRODUCT PRODUCTS CONNECTIONS SECONDS
using System.Diagnostics;
using Ecommerce.Shared.Data;
using Npgsql;

var (connectionString, firstProduct, products) = (args[0], int.Parse(args[1]), int.Parse(args[2]));
var (workers, seconds) = (int.Parse(args[3]), int.Parse(args[4]));
await using var dataSource = NpgsqlDataSource.Create(DatabaseRegistration.WithStatementReuse(connectionString)!);
var latencies = new List<double>[workers];
var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
var errors = 0;

await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
{
    latencies[worker] = [];
    while (Stopwatch.GetTimestamp() < deadline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await PlaceOrderAsync(firstProduct + Random.Shared.Next(products));
            latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (NpgsqlException exception)
        {
            if (Interlocked.Increment(ref errors) <= 3)
            {
                Console.Error.WriteLine(exception.Message);
            }
        }
    }
}));

var all = latencies.SelectMany(l => l).Order().ToList();
double Percentile(double p) => all.Count == 0 ? 0 : all[(int)Math.Min(all.Count - 1, p / 100 * all.Count)];
Console.WriteLine($$"""RESULT {"rps": {{all.Count / (double)seconds:F1}}, "p50_ms": {{Percentile(50):F2}}, "p99_ms": {{Percentile(99):F2}}, "errors": {{errors}}, "requests": {{all.Count}}}""");

async Task PlaceOrderAsync(int productId)
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var transaction = await connection.BeginTransactionAsync();
    await using var batch = new NpgsqlBatch(connection, transaction)
    {
        BatchCommands =
        {
            new("UPDATE products SET stock = stock - 1 WHERE id = $1 AND stock >= 1 RETURNING name, price") { Parameters = { new() { Value = productId } } },
            new("""
                INSERT INTO orders (id, order_number, user_id, status, payment_status, payment_method, total_amount, created_at, updated_at)
                SELECT n, 'ORD-' || lpad(upper(to_hex((n * 2654435761) & 4294967295)), 8, '0'), 1, 'Pending', 'Pending', 'CreditCard', 19.99, now(), now()
                FROM nextval('orders_hilo') AS n RETURNING id
                """),
            new("""
                INSERT INTO order_items (id, order_id, product_id, product_name, quantity, price)
                SELECT nextval('order_items_hilo'), currval('orders_hilo'), $1, 'Benchmark product', 1, 19.99
                """) { Parameters = { new() { Value = productId } } },
            new("""
                INSERT INTO outbox_messages (id, event_type, payload, created_at, published_at)
                VALUES (gen_random_uuid(), 'bench.ceiling', '{}', now(), now())
                """),
        },
    };
    await batch.ExecuteNonQueryAsync();
    await transaction.CommitAsync();
}
