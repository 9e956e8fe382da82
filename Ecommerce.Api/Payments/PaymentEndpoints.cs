using System.Security.Claims;
using Ecommerce.Api.Http;
using Ecommerce.Api.Users;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Messaging;
using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Api.Payments;

public static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder routes)
    {
        var payments = routes.MapGroup("/payments").WithTags("Payments").RequireAuthorization();

        payments.MapPost("/process", async Task<Results<Accepted<PaymentAcceptedResponse>, JsonHttpResult<ErrorEnvelope>>> (
                ProcessPaymentRequest request, ClaimsPrincipal principal, HttpContext context, PaymentSubmission submission,
                CancellationToken cancellationToken) =>
            {
                var (key, invalidKey) = IdempotencyKey.From(context, principal.UserId(), "process-payment", request);
                return invalidKey ?? await submission.SubmitAsync(principal.UserId(), request, key, cancellationToken);
            })
            .Validates<ProcessPaymentRequest>()
            .WithName("ProcessPayment")
            .WithSummary("Submit a payment for your pending order; the payment worker verifies it. Honors Idempotency-Key.");

        payments.MapGet("/status/{order_id}", async Task<Results<Ok<PaymentStatusResponse>, JsonHttpResult<ErrorEnvelope>>> (
                long order_id, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken) =>
            {
                var order = await db.Orders.AsNoTracking()
                    .Where(o => o.Id == order_id && (principal.IsAdmin() || o.UserId == principal.UserId()))
                    .Select(o => new { o.Id, o.UpdatedAt })
                    .FirstOrDefaultAsync(cancellationToken);
                if (order is null)
                {
                    return ApiResults.NotFound("Order not found");
                }

                var payment = await db.Payments.AsNoTracking()
                    .Where(p => p.OrderId == order_id)
                    .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                return TypedResults.Ok(payment is null
                    ? new PaymentStatusResponse(order.Id, PaymentStatus.Pending, false, "No payment has been submitted", null, order.UpdatedAt)
                    : new PaymentStatusResponse(order.Id, payment.Status, payment.Status is PaymentStatus.Completed or PaymentStatus.Failed,
                        payment.Message ?? "Payment is being verified", payment.TransactionId, payment.UpdatedAt));
            })
            .WithName("GetPaymentStatus")
            .WithSummary("The newest payment of an order");

        return routes;
    }
}

/// <summary>Records a payment as processing and asks for its verification (<c>payment.requested</c>) in one
/// transaction. The order's conditional UPDATE admits one payment at a time: a second one, or one for an order that is
/// not pending, is a conflict.</summary>
public sealed class PaymentSubmission(EcommerceDbContext db, OutboxSignal outbox, TimeProvider clock)
{
    public async Task<Results<Accepted<PaymentAcceptedResponse>, JsonHttpResult<ErrorEnvelope>>> SubmitAsync(
        int userId, ProcessPaymentRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && await idempotencyKey.FindAsync(db, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(idempotencyKey, earlier, cancellationToken);
        }

        var orderId = request.OrderId!.Value;
        var method = request.PaymentMethod!.Value;
        try
        {
            var payment = await db.InTransactionAsync(async token =>
            {
                var now = clock.UtcNowForDatabase();
                var admitted = await db.Orders
                    .Where(o => o.Id == orderId && o.UserId == userId && o.Status == OrderStatus.Pending
                        && (o.PaymentStatus == PaymentStatus.Pending || o.PaymentStatus == PaymentStatus.Failed))
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(o => o.PaymentStatus, PaymentStatus.Processing)
                        .SetProperty(o => o.PaymentMethod, method)
                        .SetProperty(o => o.UpdatedAt, now), token);
                if (admitted == 0)
                {
                    return null;
                }

                var amount = await db.Orders.Where(o => o.Id == orderId).Select(o => o.TotalAmount).SingleAsync(token);
                var payment = new Payment
                {
                    OrderId = orderId,
                    TransactionId = "",
                    Amount = amount,
                    Method = method,
                    PaymentToken = request.PaymentToken,
                    Status = PaymentStatus.Processing,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                // AddAsync: the id comes from a HiLo sequence, and fetching its next block must not block a thread.
                await db.Payments.AddAsync(payment, token);
                payment.TransactionId = Payment.TransactionIdFor(payment.Id);
                db.AddEvent(EventTypes.PaymentRequested, payment.ToEventData(), now);
                idempotencyKey?.Record(db, payment.Id, now);
                await db.SaveChangesAsync(token);
                return payment;
            }, cancellationToken);

            if (payment is null)
            {
                // A twin with the same key may have won the order's row while this request waited for it.
                if (idempotencyKey is not null && await idempotencyKey.FindAsync(db, cancellationToken) is { } winner)
                {
                    return await ReplayAsync(idempotencyKey, winner, cancellationToken);
                }

                return await db.Orders.AnyAsync(o => o.Id == orderId && o.UserId == userId, cancellationToken)
                    ? ApiResults.Conflict("The order is not awaiting payment: it is paid, canceled, or a payment is already processing")
                    : ApiResults.NotFound("Order not found");
            }

            outbox.Notify();
            return Accepted(payment);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation() && idempotencyKey is not null)
        {
            return await ReplayAsync(idempotencyKey, await idempotencyKey.WinnerAsync(db, exception, cancellationToken), cancellationToken);
        }
    }

    private async Task<Results<Accepted<PaymentAcceptedResponse>, JsonHttpResult<ErrorEnvelope>>> ReplayAsync(
        IdempotencyKey key, IdempotencyRecord earlier, CancellationToken cancellationToken)
    {
        if (!key.Matches(earlier))
        {
            return IdempotencyKey.Reused();
        }

        return Accepted(await db.Payments.AsNoTracking().SingleAsync(p => p.Id == earlier.ResourceId, cancellationToken));
    }

    private static Accepted<PaymentAcceptedResponse> Accepted(Payment payment) =>
        TypedResults.Accepted($"/payments/status/{payment.OrderId}", new PaymentAcceptedResponse(
            true, "Payment accepted for verification", payment.OrderId, payment.TransactionId, payment.Amount, payment.Method,
            PaymentStatus.Processing, payment.CreatedAt));
}
