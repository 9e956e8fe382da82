using System.Diagnostics;
using System.Globalization;
using Ecommerce.Api.Products;

namespace Ecommerce.Api.Orders;

/// <summary>What a customer orders, from the body of <c>POST /orders</c> or from a cart. <paramref name="LinesAt"/> is where
/// the lines were in the request, for the <c>loc</c> of an error that names one.</summary>
public sealed record PlacementRequest(
    IReadOnlyList<(int ProductId, int Quantity)> Lines, PaymentMethod? PaymentMethod, ShippingAddress? ShippingAddress,
    decimal? ExpectedTotal, IReadOnlyList<object> LinesAt);

/// <summary>Places a customer's order through the <see cref="OrderWriter"/>, or replays the order an earlier request
/// with the same idempotency key placed, and turns the writer's refusals into answers.</summary>
public sealed class OrderPlacement(EcommerceDbContext db, OrderWriter writer, ProductCatalog catalog, OutboxSignal outbox)
{
    /// <param name="placed">Runs once when this request placed the order, not when it replays an earlier one.</param>
    public Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> PlaceAsync(
        int userId, PlacementRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken,
        Func<Order, Task>? placed = null) =>
        new IdempotentCommand<Created<OrderResponse>>(db, idempotencyKey, ReplayAsync).RunAsync(async _ =>
        {
            var draft = new OrderDraft(userId, request.Lines, request.PaymentMethod, request.ShippingAddress, request.ExpectedTotal,
                idempotencyKey, Activity.Current?.Id);
            // Once submitted, the order is placed or refused even if its client hangs up: the write it shares with
            // other orders is not canceled for one of them.
            var placement = await writer.PlaceAsync(draft, CancellationToken.None);
            if (placement is not OrderPlacementResult.Placed { Order: var order })
            {
                return Refusal(placement, request.LinesAt);
            }

            outbox.Notify();
            EcommerceTelemetry.OrdersCreated.Add(1);
            await catalog.InvalidateAsync();
            if (placed is not null)
            {
                await placed(order);
            }

            return Created(order);
        }, cancellationToken);

    /// <summary>The answer of an earlier request with this key, if there was one.</summary>
    public async Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>?> EarlierAnswerAsync(
        IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        await new IdempotentCommand<Created<OrderResponse>>(db, idempotencyKey, ReplayAsync).EarlierAnswerAsync(cancellationToken);

    private async Task<Created<OrderResponse>> ReplayAsync(long orderId, CancellationToken cancellationToken) =>
        Created(await db.Orders.Include(o => o.Items).AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken));

    private static JsonHttpResult<ErrorEnvelope> Refusal(OrderPlacementResult refusal, IReadOnlyList<object> linesAt) => refusal switch
    {
        OrderPlacementResult.UnknownProduct(var line, var productId) => ApiResults.Validation(
            [new FieldError([.. linesAt, line, "product_id"], $"Product {productId} does not exist.", "not_found")]),
        OrderPlacementResult.ShortOfStock(var shortages) => ApiResults.Conflict("Not enough stock", shortages),
        OrderPlacementResult.TotalTooLarge => ApiResults.Validation(
            [new FieldError(linesAt, string.Create(CultureInfo.InvariantCulture, $"The order's total would pass {Order.MaxAmount:N2}, the most an order may cost."), "value_error")]),
        OrderPlacementResult.TotalChanged(var expected, var total) => ApiResults.Conflict(
            "The total has changed since you saw it", new TotalChangedDetail(expected, total)),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
    };

    private static Created<OrderResponse> Created(Order order) => TypedResults.Created($"/orders/{order.Id}", OrderResponse.From(order));
}

public sealed record TotalChangedDetail(decimal ExpectedTotal, decimal TotalAmount);
