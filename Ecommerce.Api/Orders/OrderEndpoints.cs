using System.Text.Json;
using Ecommerce.Api.Products;

namespace Ecommerce.Api.Orders;

public static class OrderEndpoints
{
    public const string NotFoundMessage = "Order not found";

    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/orders").WithTags("Orders").RequireAuthorization();

        orders.MapGet("/", ListOrders).Validates<OrderListQuery>("query")
            .WithSummary("Your orders, newest first; an admin sees everyone's and may filter by user_id");
        orders.MapGet("/{order_id}", GetOrder).WithSummary("One of your orders");
        orders.MapGet("/{order_id}/events", GetOrderEvents)
            .WithSummary("The order's timeline, oldest first, as the order consumer recorded it");
        orders.MapPost("/", CreateOrder).Validates<CreateOrderRequest>()
            .WithSummary("Place an order; stock is reserved at once. Honors Idempotency-Key.");
        orders.MapPost("/{order_id}/cancel", CancelOrder).WithSummary("Cancel an unpaid order and release its stock");
        orders.MapPost("/{order_id}/ship", ShipOrder).AdminOnly().WithSummary("Move a paid order to shipped (admin)");
        orders.MapPost("/{order_id}/deliver", DeliverOrder).AdminOnly().WithSummary("Move a shipped order to delivered (admin)");

        return routes;
    }

    public static Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> CreateOrder(
        CreateOrderRequest request, ClaimsPrincipal principal, HttpContext context, OrderPlacement placement,
        CancellationToken cancellationToken) =>
        IdempotencyKeyHeader.RunAsync(context, principal.UserId(), "create-order", request,
            key => placement.PlaceAsync(principal.UserId(), request.ToPlacement(), key, cancellationToken));

    public static async Task<PageResult<OrderSummaryResponse>> ListOrders(
        [AsParameters] OrderListQuery query, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken)
    {
        var visible = db.Orders.AsNoTracking();
        visible = principal.IsAdmin()
            ? query.UserId is { } userId ? visible.Where(o => o.UserId == userId) : visible
            : visible.Where(o => o.UserId == principal.UserId());
        if (query.StatusFilter is { } status)
        {
            visible = visible.Where(o => o.Status == status);
        }

        var total = await visible.CountAsync(cancellationToken);
        var page = await visible.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Skip(query.Skip ?? 0).Take(query.Limit ?? Paging.DefaultLimit)
            .Select(o => new OrderSummaryResponse(o.Id, o.OrderNumber, o.TotalAmount, o.Status, o.PaymentStatus, o.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PageResult<OrderSummaryResponse>(page, total);
    }

    public static async Task<Results<Ok<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> GetOrder(
        long order_id, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken) =>
        await db.Orders.Include(o => o.Items).AsNoTracking().Visible(principal)
            .FirstOrDefaultAsync(o => o.Id == order_id, cancellationToken) is { } order
            ? TypedResults.Ok(OrderResponse.From(order))
            : ApiResults.NotFound(NotFoundMessage);

    public static async Task<Results<Ok<List<OrderEventResponse>>, JsonHttpResult<ErrorEnvelope>>> GetOrderEvents(
        long order_id, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Orders.Visible(principal).AnyAsync(o => o.Id == order_id, cancellationToken))
        {
            return ApiResults.NotFound(NotFoundMessage);
        }

        var timeline = await db.OrderTimeline.AsNoTracking()
            .Where(e => e.OrderId == order_id)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(timeline
            .Select(e => new OrderEventResponse(e.Type, e.OccurredAt, JsonDocument.Parse(e.Detail).RootElement, e.TraceId))
            .ToList());
    }

    public static async Task<Results<Ok<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> CancelOrder(
        long order_id, ClaimsPrincipal principal, EcommerceDbContext db, ProductCatalog catalog, OutboxSignal outbox,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForDatabase();
        try
        {
            return await TransitionAsync(order_id, principal, db, outbox, cancellationToken, async token =>
            {
                var canceled = await db.InTransactionAsync(
                    t => db.CancelAsync(order_id, "canceled by request", now, t), token,
                    committed: t => db.ChangedAtAsync(order_id, OrderStatus.Canceled, now, t));
                if (canceled is not null)
                {
                    await catalog.InvalidateAsync();
                }

                return canceled;
            });
        }
        catch (Exception exception) when (exception.IsNumericOverflow())
        {
            return ApiResults.Conflict("A product of this order cannot hold the stock that canceling would return to it");
        }
    }

    public static Task<Results<Ok<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> ShipOrder(
        long order_id, ClaimsPrincipal principal, EcommerceDbContext db, OutboxSignal outbox, TimeProvider clock,
        CancellationToken cancellationToken) =>
        AdvanceAsync(order_id, OrderStatus.Paid, OrderStatus.Shipped, EventTypes.OrderShipped, principal, db, outbox, clock, cancellationToken);

    public static Task<Results<Ok<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> DeliverOrder(
        long order_id, ClaimsPrincipal principal, EcommerceDbContext db, OutboxSignal outbox, TimeProvider clock,
        CancellationToken cancellationToken) =>
        AdvanceAsync(order_id, OrderStatus.Shipped, OrderStatus.Delivered, EventTypes.OrderDelivered, principal, db, outbox, clock, cancellationToken);

    private static Task<Results<Ok<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> AdvanceAsync(
        long orderId, OrderStatus from, OrderStatus to, string eventType, ClaimsPrincipal principal, EcommerceDbContext db,
        OutboxSignal outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForDatabase();
        return TransitionAsync(orderId, principal, db, outbox, cancellationToken, token => db.InTransactionAsync(
            t => db.AdvanceAsync(orderId, from, to, eventType, now, t), token,
            committed: t => db.ChangedAtAsync(orderId, to, now, t)));
    }

    private static async Task<Results<Ok<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> TransitionAsync(
        long orderId, ClaimsPrincipal principal, EcommerceDbContext db, OutboxSignal outbox, CancellationToken cancellationToken,
        Func<CancellationToken, Task<Order?>> transition)
    {
        if (!await db.Orders.Visible(principal).AnyAsync(o => o.Id == orderId, cancellationToken))
        {
            return ApiResults.NotFound(NotFoundMessage);
        }

        if (await transition(cancellationToken) is not { } order)
        {
            var status = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync(cancellationToken);
            return ApiResults.Conflict($"The order is {status.ToString().ToLowerInvariant()}; that action is not allowed now");
        }

        outbox.Notify();
        return TypedResults.Ok(OrderResponse.From(order));
    }
}
