using Ecommerce.Shared.Products;
using Npgsql;

namespace Ecommerce.Api.Orders;

/// <summary>An order as the customer asked for it, before any stock is taken. With <paramref name="ExpectedTotal"/>, the
/// order is placed only if it costs exactly that at the catalog's current prices.</summary>
public sealed record OrderDraft(
    int UserId, IReadOnlyList<(int ProductId, int Quantity)> Lines, PaymentMethod? PaymentMethod, ShippingAddress? ShippingAddress,
    decimal? ExpectedTotal, IdempotencyKey? IdempotencyKey, string? TraceParent);

/// <summary>The placed order, or why it was refused. The HTTP layer alone turns a refusal into an answer.</summary>
public abstract record OrderPlacementResult
{
    public sealed record Placed(Order Order) : OrderPlacementResult;

    /// <summary>Line <paramref name="LineIndex"/> names a product that is not in the catalog.</summary>
    public sealed record UnknownProduct(int LineIndex, int ProductId) : OrderPlacementResult;

    public sealed record ShortOfStock(IReadOnlyList<StockShortage> Shortages) : OrderPlacementResult;

    /// <summary>The order would cost more than an amount can hold (<see cref="Order.MaxAmount"/>).</summary>
    public sealed record TotalTooLarge(decimal Total) : OrderPlacementResult;

    /// <summary>The order would cost <paramref name="Total"/>, not the <paramref name="Expected"/> total its customer saw.</summary>
    public sealed record TotalChanged(decimal Expected, decimal Total) : OrderPlacementResult;
}

/// <summary>
/// Places the orders that arrive together in one transaction (group commit), so that under load one or two round trips
/// serve many orders. A group whose products the writer has seen before is placed in one round trip: its orders are
/// priced as the writer last saw those products, and <c>take_stock</c> checks, in the transaction that saves them, that
/// the products still are so and have the stock; if not, nothing is saved and the group is placed the locked way. That
/// way locks the products of all its orders in id order (so that it cannot deadlock with another writer), then decides
/// each order in arrival order against the locked stock: an order that names an unknown product or wants more than is
/// left is refused and takes nothing. Either way the accepted orders, their items, their <c>order.created</c> events,
/// their idempotency records and the stock they take are saved together (<see cref="OrderRows"/>).
/// </summary>
public sealed class OrderWriter(IServiceScopeFactory scopes, TimeProvider clock)
    : GroupCommitWriter<OrderDraft, OrderPlacementResult>(scopes, "orders write", maxItemsPerWrite: 100)
{
    private readonly HiLoIds _orderIds = new("orders_hilo");
    private readonly HiLoIds _itemIds = new("order_items_hilo");

    // Each product's name and price as the last locked write read them. Only the writer's single loop uses it.
    private readonly Dictionary<int, Product> _seenProducts = [];

    public Task<OrderPlacementResult> PlaceAsync(OrderDraft draft, CancellationToken cancellationToken) => SubmitAsync(draft, cancellationToken);

    protected override async Task<IReadOnlyList<OrderPlacementResult>> WriteAsync(
        IServiceProvider services, IReadOnlyList<OrderDraft> drafts, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EcommerceDbContext>();
        // No transaction takes a round trip of its own: BEGIN travels with the first statement and COMMIT with the
        // rows. The writer takes the next orders only when a write has finished, so its round trips are every
        // order's wait.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(token => db.OnConnectionAsync(
            async connection => await TryPlaceAtSeenPricesAsync(db, connection, drafts, token)
                ?? await PlaceAgainstLockedStockAsync(db, connection, drafts, token),
            token), cancellationToken);
    }

    /// <summary>Places the group in one round trip if the writer has seen all its products and every order can be
    /// placed at the prices it saw; null when not, or when a product has changed or is short of stock since, and the
    /// transaction was rolled back.</summary>
    private async Task<IReadOnlyList<OrderPlacementResult>?> TryPlaceAtSeenPricesAsync(
        EcommerceDbContext db, NpgsqlConnection connection, IReadOnlyList<OrderDraft> drafts, CancellationToken cancellationToken)
    {
        if (!drafts.All(d => d.Lines.All(l => _seenProducts.ContainsKey(l.ProductId)) && Total(d, _seenProducts) is var total
                && total <= Order.MaxAmount && (d.ExpectedTotal is null || d.ExpectedTotal == total)))
        {
            return null;
        }

        var now = clock.UtcNowForDatabase();
        var rows = new OrderRows();
        var results = new List<OrderPlacementResult>(drafts.Count);
        foreach (var draft in drafts)
        {
            results.Add(new OrderPlacementResult.Placed(await AddOrderAsync(db, draft, _seenProducts, rows, now, cancellationToken)));
        }

        try
        {
            await rows.SaveAndCommitAsync(connection, begin: true);
            return results;
        }
        catch (PostgresException exception) when (exception.SqlState == TakeStock.ProductsChangedOrShort)
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
    }

    /// <summary>Places the group against its locked products, refusing what they cannot serve, in two round trips.</summary>
    private async Task<IReadOnlyList<OrderPlacementResult>> PlaceAgainstLockedStockAsync(
        EcommerceDbContext db, NpgsqlConnection connection, IReadOnlyList<OrderDraft> drafts, CancellationToken cancellationToken)
    {
        var productIds = drafts.SelectMany(d => d.Lines.Select(l => l.ProductId)).Distinct().Order().ToArray();
        var products = await BeginAndLockAsync(connection, productIds, cancellationToken);
        foreach (var id in productIds)
        {
            if (products.TryGetValue(id, out var product))
            {
                _seenProducts[id] = new Product { Id = id, Name = product.Name, Price = product.Price };
            }
            else
            {
                _seenProducts.Remove(id);
            }
        }

        var now = clock.UtcNowForDatabase();
        var rows = new OrderRows();
        var results = new List<OrderPlacementResult>(drafts.Count);
        foreach (var draft in drafts)
        {
            if (Refusal(draft, products) is { } refusal)
            {
                results.Add(refusal);
                continue;
            }

            foreach (var (productId, quantity) in draft.Lines)
            {
                products[productId].Stock -= quantity;
            }

            results.Add(new OrderPlacementResult.Placed(await AddOrderAsync(db, draft, products, rows, now, cancellationToken)));
        }

        await rows.SaveAndCommitAsync(connection, begin: false);
        return results;
    }

    /// <summary>Begins the write's transaction and locks the products, in id order so that it cannot deadlock with
    /// another writer, reading what an order takes from each.</summary>
    private static async Task<Dictionary<int, Product>> BeginAndLockAsync(
        NpgsqlConnection connection, int[] productIds, CancellationToken cancellationToken)
    {
        await using var batch = connection.BeginWith(
            new NpgsqlBatchCommand("SELECT id, name, price, stock FROM products WHERE id = ANY($1) AND deleted_at IS NULL ORDER BY id FOR UPDATE")
            {
                Parameters = { new NpgsqlParameter<int[]> { TypedValue = productIds } },
            });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var products = new Dictionary<int, Product>(productIds.Length);
        while (await reader.ReadAsync(cancellationToken))
        {
            var product = new Product { Id = reader.GetInt32(0), Name = reader.GetString(1), Price = reader.GetDecimal(2), Stock = reader.GetInt32(3) };
            products.Add(product.Id, product);
        }

        return products;
    }

    /// <summary>Why the locked <paramref name="products"/> cannot serve <paramref name="draft"/>; null when they can. A
    /// changed total is told before a shortage: the customer decides on the price first.</summary>
    private static OrderPlacementResult? Refusal(OrderDraft draft, Dictionary<int, Product> products)
    {
        var wanted = draft.Lines.GroupBy(l => l.ProductId).OrderBy(g => g.Key).Select(g => (ProductId: g.Key, Quantity: g.Sum(l => l.Quantity))).ToList();
        if (wanted.FirstOrDefault(w => !products.ContainsKey(w.ProductId)) is { ProductId: > 0 } unknown)
        {
            return new OrderPlacementResult.UnknownProduct(draft.Lines.Index().First(l => l.Item.ProductId == unknown.ProductId).Index, unknown.ProductId);
        }

        var total = Total(draft, products);
        if (draft.ExpectedTotal is { } expected && expected != total)
        {
            return new OrderPlacementResult.TotalChanged(expected, total);
        }

        var shortages = wanted.Where(w => products[w.ProductId].Stock < w.Quantity)
            .Select(w => new StockShortage(w.ProductId, w.Quantity, products[w.ProductId].Stock))
            .ToList();
        if (shortages.Count > 0)
        {
            return new OrderPlacementResult.ShortOfStock(shortages);
        }

        return total > Order.MaxAmount ? new OrderPlacementResult.TotalTooLarge(total) : null;
    }

    private static decimal Total(OrderDraft draft, IReadOnlyDictionary<int, Product> products) =>
        draft.Lines.Sum(line => products[line.ProductId].Price * line.Quantity);

    private async Task<Order> AddOrderAsync(
        EcommerceDbContext db, OrderDraft draft, IReadOnlyDictionary<int, Product> products, OrderRows rows, DateTime now,
        CancellationToken cancellationToken)
    {
        var id = await _orderIds.NextAsync(db, cancellationToken);
        var order = new Order
        {
            Id = id,
            OrderNumber = Order.NumberFor(id),
            UserId = draft.UserId,
            PaymentMethod = draft.PaymentMethod,
            ShippingAddress = draft.ShippingAddress,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (productId, quantity) in draft.Lines)
        {
            var product = products[productId];
            order.Items.Add(new OrderItem
            {
                Id = await _itemIds.NextAsync(db, cancellationToken),
                OrderId = id,
                ProductId = productId,
                ProductName = product.Name,
                Quantity = quantity,
                Price = product.Price,
            });
        }

        order.TotalAmount = order.Items.Sum(i => i.Price * i.Quantity);
        rows.Add(order, Outbox.Message(EventTypes.OrderCreated, order.ToEventData(), now, draft.TraceParent),
            draft.IdempotencyKey?.RecordOf(id, now));
        return order;
    }
}
