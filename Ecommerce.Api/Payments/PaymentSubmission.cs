using Ecommerce.Api.Http;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Messaging;
using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Api.Payments;

/// <summary>Records a payment as processing and asks for its verification (<c>payment.requested</c>) in one
/// transaction. The order's conditional UPDATE admits one payment at a time: a second one, or one for an order that is
/// not pending, is a conflict.</summary>
public sealed class PaymentSubmission(EcommerceDbContext db, OutboxSignal outbox, TimeProvider clock)
{
    public Task<Results<Accepted<PaymentAcceptedResponse>, JsonHttpResult<ErrorEnvelope>>> SubmitAsync(
        int userId, ProcessPaymentRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var command = new IdempotentCommand<Accepted<PaymentAcceptedResponse>>(db, idempotencyKey, ReplayAsync);
        return command.RunAsync(async token =>
        {
            var orderId = request.OrderId!.Value;
            if (await AdmitAsync(userId, request, idempotencyKey, token) is { } payment)
            {
                outbox.Notify();
                return Accepted(payment);
            }

            // A twin with the same key may have won the order's row while this request waited for it.
            return await command.EarlierAnswerAsync(token)
                ?? (await db.Orders.AnyAsync(o => o.Id == orderId && o.UserId == userId, token)
                    ? ApiResults.Conflict("The order is not awaiting payment: it is paid, canceled, or a payment is already processing")
                    : ApiResults.NotFound("Order not found"));
        }, cancellationToken);
    }

    /// <summary>The payment, saved with its event and its key; null when the order is not the user's or not awaiting
    /// payment.</summary>
    private Task<Payment?> AdmitAsync(
        int userId, ProcessPaymentRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async token =>
        {
            var (orderId, method) = (request.OrderId!.Value, request.PaymentMethod!.Value);
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

    private async Task<Accepted<PaymentAcceptedResponse>> ReplayAsync(long paymentId, CancellationToken cancellationToken) =>
        Accepted(await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken));

    private static Accepted<PaymentAcceptedResponse> Accepted(Payment payment) =>
        TypedResults.Accepted($"/payments/status/{payment.OrderId}", new PaymentAcceptedResponse(
            true, "Payment accepted for verification", payment.OrderId, payment.TransactionId, payment.Amount, payment.Method,
            PaymentStatus.Processing, payment.CreatedAt));
}
