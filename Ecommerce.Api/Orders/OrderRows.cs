using Ecommerce.Shared.Products;
using Npgsql;

namespace Ecommerce.Api.Orders;

/// <summary>
/// The rows that a write's accepted orders add or change, saved with one statement per table in one round trip. EF
/// Core's change tracker would save them as one statement per row, and preparing those statements (a command, its
/// parameters and its SQL for each row, then sorting them) was half of what the API allocated and much of its CPU
/// while it took orders. The statements go to Npgsql as they are, with positional parameters, so that neither EF Core
/// nor Npgsql rewrites their SQL on the writer's path, which every order waits on.
/// Stock is taken by <c>take_stock</c> (a function of the schema) with the names and prices the orders were given, which
/// it checks against the products in the same transaction.
/// </summary>
public sealed class OrderRows
{
    /// <summary>The columns each statement writes, by table, in the order of its parameters. Written by hand, so a
    /// test holds them against the EF Core model.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["orders"] =
        [
            "id", "order_number", "user_id", "status", "payment_status", "payment_method", "total_amount", "created_at", "updated_at",
            "shipping_address_name", "shipping_address_line1", "shipping_address_line2", "shipping_address_city",
            "shipping_address_postal_code", "shipping_address_country",
        ],
        ["order_items"] = ["id", "order_id", "product_id", "product_name", "quantity", "price"],
        ["outbox_messages"] = OutboxRows.Columns,
        ["idempotency_records"] = IdempotencyRows.Columns,
    };

    private static readonly string InsertOrders = InsertFromUnnest("orders");
    private static readonly string InsertItems = InsertFromUnnest("order_items");

    private readonly List<Order> _orders = [];
    private readonly List<OutboxMessage> _events = [];
    private readonly List<IdempotencyRecord> _idempotencyRecords = [];

    public void Add(Order order, OutboxMessage created, IdempotencyRecord? idempotencyRecord)
    {
        _orders.Add(order);
        _events.Add(created);
        if (idempotencyRecord is not null)
        {
            _idempotencyRecords.Add(idempotencyRecord);
        }
    }

    /// <summary>Saves the rows and commits the write's transaction in the same round trip, beginning it there too when
    /// <paramref name="begin"/> is set. Not canceled: a commit canceled in flight may still have committed, and its
    /// callers would be told that their orders failed.</summary>
    public async Task SaveAndCommitAsync(NpgsqlConnection connection, bool begin)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (begin)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }

        if (_orders.Count > 0)
        {
            AddSaves(batch.BatchCommands);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync();
    }

    private void AddSaves(NpgsqlBatchCommandCollection statements)
    {
        var (orders, events, records) = (_orders, _events, _idempotencyRecords);
        var items = orders.SelectMany(o => o.Items).ToList();
        var taken = items.GroupBy(i => i.ProductId)
            .Select(g => (ProductId: g.Key, Quantity: g.Sum(i => i.Quantity), g.First().ProductName, g.First().Price))
            .OrderBy(t => t.ProductId)
            .ToList();
        statements.Add(Statement(InsertOrders,
            orders.Select(o => o.Id).ToArray(), orders.Select(o => o.OrderNumber).ToArray(), orders.Select(o => o.UserId).ToArray(),
            orders.Select(o => Stored(o.Status)).ToArray(), orders.Select(o => Stored(o.PaymentStatus)).ToArray(),
            orders.Select(o => o.PaymentMethod is { } method ? Stored(method) : null).ToArray(), orders.Select(o => o.TotalAmount).ToArray(),
            orders.Select(o => o.CreatedAt).ToArray(), orders.Select(o => o.UpdatedAt).ToArray(),
            orders.Select(o => o.ShippingAddress?.Name).ToArray(), orders.Select(o => o.ShippingAddress?.Line1).ToArray(),
            orders.Select(o => o.ShippingAddress?.Line2).ToArray(), orders.Select(o => o.ShippingAddress?.City).ToArray(),
            orders.Select(o => o.ShippingAddress?.PostalCode).ToArray(), orders.Select(o => o.ShippingAddress?.Country).ToArray()));
        statements.Add(Statement(InsertItems,
            items.Select(i => i.Id).ToArray(), items.Select(i => i.OrderId).ToArray(), items.Select(i => i.ProductId).ToArray(),
            items.Select(i => i.ProductName).ToArray(), items.Select(i => i.Quantity).ToArray(), items.Select(i => i.Price).ToArray()));
        statements.Add(Statement(TakeStock.Call,
            taken.Select(t => t.ProductId).ToArray(), taken.Select(t => t.Quantity).ToArray(),
            taken.Select(t => t.ProductName).ToArray(), taken.Select(t => t.Price).ToArray()));
        statements.Add(OutboxRows.InsertStatement(events));
        if (records.Count > 0)
        {
            statements.Add(IdempotencyRows.InsertStatement(records));
        }
    }

    /// <summary>How the schema stores an enum value: its name, as EF Core's string conversion writes it.</summary>
    public static string Stored<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString();

    private static string InsertFromUnnest(string table)
    {
        var columns = Columns[table];
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT * FROM unnest({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})";
    }

    /// <summary>A statement whose parameters are columns of values, one array each, in the order of its <c>$n</c>.</summary>
    private static NpgsqlBatchCommand Statement(string sql, params Array[] columns)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var column in columns)
        {
            statement.Parameters.Add(new NpgsqlParameter { Value = column });
        }

        return statement;
    }
}
