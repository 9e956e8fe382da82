using Ecommerce.Api.Http;
using Ecommerce.Api.Products;
using Ecommerce.Domain.Data;
using Ecommerce.Domain.Messaging;
using Ecommerce.Domain.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Api.Orders;

/// <summary>Places orders: stock is taken with one conditional UPDATE per product, in product order so that
/// concurrent orders cannot deadlock, and the order, its items, its <c>order.created</c> event and its idempotency
/// record are written in the same transaction.</summary>
public sealed class OrderPlacement(EcommerceDbContext db, ProductCatalog catalog, OutboxSignal outbox, TimeProvider clock)
{
    private sealed record ReservedProduct(int Id, string Name, decimal Price);

    private sealed class Rejected(JsonHttpResult<ErrorEnvelope> result) : Exception
    {
        public JsonHttpResult<ErrorEnvelope> Result { get; } = result;
    }

    public async Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> PlaceAsync(
        int userId, CreateOrderRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && await idempotencyKey.FindAsync(db, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(idempotencyKey, earlier, cancellationToken);
        }

        var lines = request.Items!.Select(i => (ProductId: i.ProductId!.Value, Quantity: i.Quantity!.Value)).ToList();
        try
        {
            var order = await db.InTransactionAsync(token => InsertAsync(userId, lines, request.PaymentMethod, idempotencyKey, token),
                cancellationToken);
            outbox.Notify();
            EcommerceTelemetry.OrdersCreated.Add(1);
            await catalog.InvalidateAsync();
            return Created(order);
        }
        catch (Rejected rejected)
        {
            return rejected.Result;
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation() && idempotencyKey is not null)
        {
            return await ReplayAsync(idempotencyKey, await idempotencyKey.WinnerAsync(db, exception, cancellationToken), cancellationToken);
        }
    }

    private async Task<Order> InsertAsync(
        int userId, List<(int ProductId, int Quantity)> lines, Domain.Orders.PaymentMethod? paymentMethod,
        IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var reserved = new Dictionary<int, ReservedProduct>();
        var shortages = new List<StockShortage>();
        foreach (var product in lines.GroupBy(l => l.ProductId).OrderBy(g => g.Key))
        {
            var quantity = product.Sum(l => l.Quantity);
            var taken = await db.Database.SqlQuery<ReservedProduct>($"""
                UPDATE products SET stock = stock - {quantity}
                WHERE id = {product.Key} AND deleted_at IS NULL AND stock >= {quantity}
                RETURNING id AS "Id", name AS "Name", price AS "Price"
                """).ToListAsync(cancellationToken);
            if (taken.Count == 1)
            {
                reserved[product.Key] = taken[0];
            }
            else
            {
                var available = await db.Products.Where(p => p.Id == product.Key).Select(p => (int?)p.Stock).FirstOrDefaultAsync(cancellationToken);
                if (available is null)
                {
                    var index = lines.FindIndex(l => l.ProductId == product.Key);
                    throw new Rejected(ApiResults.Validation(
                        [new FieldError(["body", "items", index, "product_id"], $"Product {product.Key} does not exist.", "not_found")]));
                }

                shortages.Add(new StockShortage(product.Key, quantity, available.Value));
            }
        }

        if (shortages.Count > 0)
        {
            throw new Rejected(ApiResults.Conflict("Not enough stock", shortages));
        }

        var now = clock.UtcNowForDatabase();
        var order = new Order
        {
            OrderNumber = "",
            UserId = userId,
            PaymentMethod = paymentMethod,
            CreatedAt = now,
            UpdatedAt = now,
            Items = lines.Select(l => new OrderItem
            {
                ProductId = l.ProductId,
                ProductName = reserved[l.ProductId].Name,
                Quantity = l.Quantity,
                Price = reserved[l.ProductId].Price,
            }).ToList(),
        };
        order.TotalAmount = order.Items.Sum(i => i.Price * i.Quantity);
        // AddAsync: ids come from HiLo sequences, and fetching the next block synchronously would block a pool thread
        // while this transaction holds its stock locks.
        await db.Orders.AddAsync(order, cancellationToken);
        order.OrderNumber = Order.NumberFor(order.Id);
        db.AddEvent(EventTypes.OrderCreated, order.ToEventData(), now);
        idempotencyKey?.Record(db, order.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    private async Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> ReplayAsync(
        IdempotencyKey key, IdempotencyRecord earlier, CancellationToken cancellationToken)
    {
        if (!key.Matches(earlier))
        {
            return IdempotencyKey.Reused();
        }

        var order = await db.Orders.Include(o => o.Items).AsNoTracking().SingleAsync(o => o.Id == earlier.ResourceId, cancellationToken);
        return Created(order);
    }

    private static Created<OrderResponse> Created(Order order) => TypedResults.Created($"/orders/{order.Id}", OrderResponse.From(order));
}
