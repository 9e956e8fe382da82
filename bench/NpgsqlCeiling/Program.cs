// The ceilings that plain Npgsql sets for the API's database work, with its connections tuned as the services' are and
// a pool of Npgsql's default size, as theirs has. Modes:
//   order CONNECTION FIRST_PRODUCT PRODUCTS CONNECTIONS SECONDS: what one order does in the database, in one
//     transaction (take stock, insert the order, its item and its outbox row), for products spread over the seeded
//     catalog as the API scenario's are. Order numbers are made as Order.NumberFor makes them, so they never collide.
//   search CONNECTION WORDS_FILE CONNECTIONS SECONDS: the API's search of GET /products?search=...&limit=20 (its first
//     page by rank with the count of its matches in one statement, the words parsed once as the API parses them), for
//     two random words of the file.
//   seed-search CONNECTION WORDS_FILE PRODUCTS: adds that many products named and described with the file's words.
using System.Diagnostics;
using Ecommerce.Shared.Data;
using Npgsql;

var (mode, connectionString) = (args[0], args[1]);
await using var dataSource = NpgsqlDataSource.Create(DatabaseRegistration.WithStatementReuse(connectionString)!);
if (mode == "seed-search")
{
    await SeedSearchCatalogAsync(Words(args[2]), int.Parse(args[3]));
    return;
}

Func<Task> work = mode switch
{
    "order" => () => PlaceOrderAsync(int.Parse(args[2]) + Random.Shared.Next(int.Parse(args[3]))),
    "search" => () => SearchAsync(Words(args[2])),
    _ => throw new ArgumentException($"Unknown mode {mode}."),
};
var (workers, seconds) = mode == "order" ? (int.Parse(args[4]), int.Parse(args[5])) : (int.Parse(args[3]), int.Parse(args[4]));
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
            await work();
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

static string[] Words(string file) => File.ReadAllText(file).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

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

async Task SearchAsync(string[] words)
{
    var search = $"{words[Random.Shared.Next(words.Length)]} {words[Random.Shared.Next(words.Length)]}";
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var command = new NpgsqlCommand("""
        SELECT id, name, description, price, stock, sku, category_id, image_url, created_at, updated_at, count(*) OVER ()
        FROM products, plainto_tsquery('english', $1) AS words
        WHERE deleted_at IS NULL AND search_vector @@ words
        ORDER BY ts_rank(search_vector, words) DESC, id LIMIT 20
        """, connection) { Parameters = { new() { Value = search } } };
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
    }
}

// Names of three words and descriptions of five, picked by a fixed hash of the product's number, so every run's
// catalog is the same; the search vectors come from the schema's trigger as for any product.
async Task SeedSearchCatalogAsync(string[] words, int count)
{
    static string Word(int k) => $"w[1 + ((hashint4(i * 8 + {k})::bigint + 2147483648) % n)::int]";
    await using var command = dataSource.CreateCommand($"""
        INSERT INTO products (name, description, price, stock, created_at, updated_at)
        SELECT initcap({Word(0)}) || ' ' || {Word(1)} || ' ' || {Word(2)},
               'A ' || {Word(3)} || ' ' || {Word(4)} || ' for the ' || {Word(5)} || ' and the ' || {Word(6)} || ', ' || {Word(7)} || '.',
               9.99 + (i % 500), 1000, now(), now()
        FROM generate_series(1, $2) AS i, (SELECT $1::text[] AS w, cardinality($1::text[]) AS n) AS vocabulary
        """);
    command.Parameters.Add(new NpgsqlParameter { Value = words });
    command.Parameters.Add(new NpgsqlParameter { Value = count });
    command.CommandTimeout = 600;
    await command.ExecuteNonQueryAsync();

    // As after any bulk load: statistics for the planner, hint bits and the visibility map set, and the search index's
    // pending list merged, so that neither side of the ratio measures the cost of the load instead of the search.
    await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE products");
    vacuum.CommandTimeout = 600;
    await vacuum.ExecuteNonQueryAsync();
}
