using System.Diagnostics;
using System.Globalization;
using Ecommerce.Api.Http;
using Ecommerce.Api.Products;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Messaging;
using Ecommerce.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Api.Orders;

/// <summary>Places a customer's order through the <see cref="OrderWriter"/>, or replays the order an earlier request
/// with the same idempotency key placed, and turns the writer's refusals into answers.</summary>
public sealed class OrderPlacement(EcommerceDbContext db, OrderWriter writer, ProductCatalog catalog, OutboxSignal outbox)
{
    public Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> PlaceAsync(
        int userId, CreateOrderRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        new IdempotentCommand<Created<OrderResponse>>(db, idempotencyKey, ReplayAsync).RunAsync(async _ =>
        {
            var lines = request.Items!.Select(i => (ProductId: i.ProductId!.Value, Quantity: i.Quantity!.Value)).ToList();
            // Once submitted, the order is placed or refused even if its client hangs up: the write it shares with
            // other orders is not canceled for one of them.
            var placement = await writer.PlaceAsync(
                new OrderDraft(userId, lines, request.PaymentMethod, idempotencyKey, Activity.Current?.Id), CancellationToken.None);
            if (placement is not OrderPlacementResult.Placed { Order: var order })
            {
                return Refusal(placement);
            }

            outbox.Notify();
            EcommerceTelemetry.OrdersCreated.Add(1);
            await catalog.InvalidateAsync();
            return Created(order);
        }, cancellationToken);

    private async Task<Created<OrderResponse>> ReplayAsync(long orderId, CancellationToken cancellationToken) =>
        Created(await db.Orders.Include(o => o.Items).AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken));

    private static JsonHttpResult<ErrorEnvelope> Refusal(OrderPlacementResult refusal) => refusal switch
    {
        OrderPlacementResult.UnknownProduct(var line, var productId) => ApiResults.Validation(
            [new FieldError(["body", "items", line, "product_id"], $"Product {productId} does not exist.", "not_found")]),
        OrderPlacementResult.ShortOfStock(var shortages) => ApiResults.Conflict("Not enough stock", shortages),
        OrderPlacementResult.TotalTooLarge => ApiResults.Validation(
            [new FieldError(["body", "items"], string.Create(CultureInfo.InvariantCulture, $"The order's total would pass {Order.MaxAmount:N2}, the most an order may cost."), "value_error")]),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
    };

    private static Created<OrderResponse> Created(Order order) => TypedResults.Created($"/orders/{order.Id}", OrderResponse.From(order));
}
