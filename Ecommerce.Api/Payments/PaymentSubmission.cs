using System.Diagnostics;
using Ecommerce.Shared.Payments;

namespace Ecommerce.Api.Payments;

/// <summary>Records a payment as processing and asks for its verification (<c>payment.requested</c>) in one
/// transaction (<see cref="PaymentAdmissionWriter"/>). The order's conditional UPDATE admits one payment at a time: a
/// second one, or one for an order that is not pending, is a conflict.</summary>
public sealed class PaymentSubmission(EcommerceDbContext db, PaymentAdmissionWriter writer, OutboxSignal outbox)
{
    public Task<Results<Accepted<PaymentAcceptedResponse>, JsonHttpResult<ErrorEnvelope>>> SubmitAsync(
        int userId, ProcessPaymentRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var command = new IdempotentCommand<Accepted<PaymentAcceptedResponse>>(db, idempotencyKey, ReplayAsync);
        return command.RunAsync(async token =>
        {
            var orderId = request.OrderId!.Value;
            var admission = new PaymentAdmission(
                userId, orderId, request.PaymentMethod!.Value, request.PaymentToken, idempotencyKey, Activity.Current?.Id);
            if (await writer.AdmitAsync(admission, token) is { } payment)
            {
                outbox.Notify();
                return Accepted(payment);
            }

            // A twin with the same key may have won the order's row while this request waited for it.
            return await command.EarlierAnswerAsync(token)
                ?? (await db.Orders.AnyAsync(o => o.Id == orderId && o.UserId == userId, token)
                    ? ApiResults.Conflict("The order is not awaiting payment: it is paid, canceled, or a payment is already processing")
                    : ApiResults.NotFound(Orders.OrderEndpoints.NotFoundMessage));
        }, cancellationToken);
    }

    private async Task<Accepted<PaymentAcceptedResponse>> ReplayAsync(long paymentId, CancellationToken cancellationToken) =>
        Accepted(await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken));

    private static Accepted<PaymentAcceptedResponse> Accepted(Payment payment) =>
        TypedResults.Accepted($"/payments/status/{payment.OrderId}", new PaymentAcceptedResponse(
            true, "Payment accepted for verification", payment.OrderId, payment.TransactionId, payment.Amount, payment.Method,
            PaymentStatus.Processing, payment.CreatedAt));
}
