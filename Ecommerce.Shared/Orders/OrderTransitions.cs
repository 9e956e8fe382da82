using Ecommerce.Shared.Data;
using Ecommerce.Shared.Messaging;

namespace Ecommerce.Shared.Orders;

/// <summary>
/// Every change of an order's status, each as one conditional UPDATE: when two actors race (a customer canceling
/// while the expiry job cancels, an admin shipping twice), exactly one UPDATE matches and only it goes on to release
/// stock or announce the change. Callers run these inside their transaction.
/// </summary>
public static class OrderTransitions
{
    /// <summary>Cancels a pending order that has no payment in flight and returns its stock, exactly once. Throws a
    /// numeric overflow (<see cref="PostgresErrors.IsNumericOverflow"/>) when a product cannot hold the stock returned
    /// to it; the caller's transaction then writes nothing.</summary>
    public static async Task<Order?> CancelAsync(
        this EcommerceDbContext db, long orderId, string reason, DateTime now, CancellationToken cancellationToken)
    {
        var canceled = await db.Orders
            .Where(o => o.Id == orderId && o.Status == OrderStatus.Pending && o.PaymentStatus != PaymentStatus.Processing)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, OrderStatus.Canceled)
                .SetProperty(o => o.UpdatedAt, now), cancellationToken);
        if (canceled == 0)
        {
            return null;
        }

        await db.ReleaseStockAsync(orderId, cancellationToken);
        var order = await db.Orders.Include(o => o.Items).AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken);
        db.AddEvent(EventTypes.OrderCanceled, order.ToEventData(reason), now);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>Moves an order from <paramref name="from"/> to <paramref name="to"/> and announces it; null when the
    /// order is not in <paramref name="from"/>.</summary>
    public static async Task<Order?> AdvanceAsync(
        this EcommerceDbContext db, long orderId, OrderStatus from, OrderStatus to, string eventType, DateTime now,
        CancellationToken cancellationToken)
    {
        var advanced = await db.Orders
            .Where(o => o.Id == orderId && o.Status == from)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, to)
                .SetProperty(o => o.UpdatedAt, now), cancellationToken);
        if (advanced == 0)
        {
            return null;
        }

        var order = await db.Orders.Include(o => o.Items).AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken);
        db.AddEvent(eventType, order.ToEventData(), now);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    /// <summary>Whether the order went to <paramref name="status"/> at <paramref name="at"/>: the change made at that
    /// instant committed. For <see cref="Transactions.InTransactionAsync"/> when a commit's outcome is unknown.</summary>
    public static Task<bool> ChangedAtAsync(
        this EcommerceDbContext db, long orderId, OrderStatus status, DateTime at, CancellationToken cancellationToken) =>
        db.Orders.AnyAsync(o => o.Id == orderId && o.Status == status && o.UpdatedAt == at, cancellationToken);

    /// <summary>Returns an order's stock to its products (deleted ones too, so that a restored product is whole) in one
    /// statement that locks them in id order, as every writer of stock does, so that it cannot deadlock with one. The
    /// caller's conditional change of the order makes it happen once.</summary>
    public static Task ReleaseStockAsync(this EcommerceDbContext db, long orderId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(ReleaseStock(orderId), cancellationToken);

    private static FormattableString ReleaseStock(long orderId) => $"""
        WITH released AS (
            SELECT product_id, sum(quantity)::integer AS quantity FROM order_items WHERE order_id = {orderId} GROUP BY product_id),
        locked AS (
            SELECT p.id FROM products p JOIN released r ON r.product_id = p.id ORDER BY p.id FOR UPDATE OF p)
        UPDATE products p SET stock = p.stock + r.quantity
        FROM released r
        WHERE p.id = r.product_id AND p.id IN (SELECT id FROM locked)
        """;

    public static OrderEventData ToEventData(this Order order, string? reason = null) =>
        new(order.Id, order.OrderNumber, order.UserId, order.TotalAmount, order.Status.ToString().ToLowerInvariant(), reason);
}
