using Ecommerce.Api.Orders;

namespace Ecommerce.Api.Refunds;

public static class RefundEndpoints
{
    public static IEndpointRouteBuilder MapRefundEndpoints(this IEndpointRouteBuilder routes)
    {
        var refunds = routes.MapGroup("/orders/{order_id}/refunds").WithTags("Refunds").RequireAuthorization();

        refunds.MapGet("/", ListRefunds).Validates<PageQuery>("query").WithSummary("The order's refunds, oldest first");
        refunds.MapGet("/{refund_id}", GetRefund).WithSummary("One refund of the order");
        refunds.MapPost("/", RequestRefund).Validates<RefundRequest>().AdminOnly()
            .WithSummary("Refund a paid order in full or in part (admin). Honors Idempotency-Key.");

        return routes;
    }

    public static Task<Results<Accepted<RefundResponse>, JsonHttpResult<ErrorEnvelope>>> RequestRefund(
        long order_id, RefundRequest request, ClaimsPrincipal principal, HttpContext context, RefundSubmission submission,
        CancellationToken cancellationToken) =>
        IdempotencyKeyHeader.RunAsync(context, principal.UserId(), "create-refund", new { order_id, request },
            key => submission.SubmitAsync(order_id, request, key, cancellationToken));

    public static async Task<Results<PageResult<RefundResponse>, JsonHttpResult<ErrorEnvelope>>> ListRefunds(
        long order_id, [AsParameters] PageQuery page, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Orders.Visible(principal).AnyAsync(o => o.Id == order_id, cancellationToken))
        {
            return ApiResults.NotFound(OrderEndpoints.NotFoundMessage);
        }

        var refunds = db.Refunds.AsNoTracking().Where(r => r.OrderId == order_id);
        return new PageResult<RefundResponse>(
            await page.Of(refunds.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)).Select(r => RefundResponse.From(r)).ToListAsync(cancellationToken),
            await refunds.CountAsync(cancellationToken));
    }

    public static async Task<Results<Ok<RefundResponse>, JsonHttpResult<ErrorEnvelope>>> GetRefund(
        long order_id, long refund_id, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Orders.Visible(principal).AnyAsync(o => o.Id == order_id, cancellationToken))
        {
            return ApiResults.NotFound(OrderEndpoints.NotFoundMessage);
        }

        return await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == refund_id && r.OrderId == order_id, cancellationToken) is { } refund
            ? TypedResults.Ok(RefundResponse.From(refund))
            : ApiResults.NotFound("Refund not found");
    }
}
