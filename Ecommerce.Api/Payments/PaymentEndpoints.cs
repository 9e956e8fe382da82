namespace Ecommerce.Api.Payments;

public static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder routes)
    {
        var payments = routes.MapGroup("/payments").WithTags("Payments").RequireAuthorization();

        payments.MapPost("/process", ProcessPayment).Validates<ProcessPaymentRequest>()
            .WithSummary("Submit a payment for your pending order; the payment worker verifies it. Honors Idempotency-Key.");
        payments.MapGet("/status/{order_id}", GetPaymentStatus).WithSummary("The newest payment of an order");

        return routes;
    }

    public static Task<Results<Accepted<PaymentAcceptedResponse>, JsonHttpResult<ErrorEnvelope>>> ProcessPayment(
        ProcessPaymentRequest request, PaymentSubmission submission, ClaimsPrincipal principal,
        HttpContext context, CancellationToken cancellationToken) =>
        IdempotencyKeyHeader.RunAsync(context, principal.UserId(), "process-payment", request,
            key => submission.SubmitAsync(principal.UserId(), request, key, cancellationToken));

    public static async Task<Results<Ok<PaymentStatusResponse>, JsonHttpResult<ErrorEnvelope>>> GetPaymentStatus(
        long order_id, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking()
            .Where(o => o.Id == order_id && (principal.IsAdmin() || o.UserId == principal.UserId()))
            .Select(o => new { o.Id, o.UpdatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (order is null)
        {
            return ApiResults.NotFound(Orders.OrderEndpoints.NotFoundMessage);
        }

        var payment = await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == order_id)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(payment is null
            ? new PaymentStatusResponse(order.Id, PaymentStatus.Pending, false, "No payment has been submitted", null, order.UpdatedAt)
            : new PaymentStatusResponse(order.Id, payment.Status, payment.Status is PaymentStatus.Completed or PaymentStatus.Failed,
                payment.Message ?? "Payment is being verified", payment.TransactionId, payment.UpdatedAt));
    }
}
