using Ecommerce.Shared.Payments;
using Ecommerce.Shared.Refunds;

namespace Ecommerce.Api.Refunds;

/// <summary>Why a refund was not admitted; the HTTP layer alone turns it into an answer.</summary>
public enum RefundRefusal
{
    OrderNotFound,
    NeverPaid,
    FullyRefunded,
    MoreThanLeft,
    RestockNotAllowed,
}

/// <summary>
/// Admits a refund as processing and asks the payment worker for it (<c>refund.requested</c>) in one transaction that
/// holds the order's row, so that two refunds of one order are weighed one after the other against what is left:
/// the amount paid less what completed and what is still processing (a failed refund returns nothing and counts for
/// nothing).
/// </summary>
public sealed class RefundSubmission(EcommerceDbContext db, OutboxSignal outbox, TimeProvider clock)
{
    public Task<Results<Accepted<RefundResponse>, JsonHttpResult<ErrorEnvelope>>> SubmitAsync(
        long orderId, RefundRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        var command = new IdempotentCommand<Accepted<RefundResponse>>(db, idempotencyKey, ReplayAsync);
        return command.RunAsync(async token =>
        {
            var (refund, refusal) = await AdmitAsync(orderId, request, idempotencyKey, token);
            if (refund is not null)
            {
                outbox.Notify();
                return Accepted(refund);
            }

            // A twin with the same key may have taken what was left while this request waited for the order's row.
            return await command.EarlierAnswerAsync(token) ?? Refusal(refusal!.Value);
        }, cancellationToken);
    }

    private Task<(Refund? Refund, RefundRefusal? Refusal)> AdmitAsync(
        long orderId, RefundRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken) =>
        db.InTransactionAsync<(Refund?, RefundRefusal?)>(async token =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM orders WHERE id = {orderId} FOR UPDATE", token);
            if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, token) is not { } order)
            {
                return (null, RefundRefusal.OrderNotFound);
            }

            var payment = await db.Payments.AsNoTracking()
                .Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Completed)
                .OrderByDescending(p => p.Id)
                .FirstOrDefaultAsync(token);
            if (payment is null)
            {
                return (null, RefundRefusal.NeverPaid);
            }

            var earlier = await db.Refunds.Where(r => r.OrderId == orderId && r.Status != RefundStatus.Failed)
                .Select(r => new { r.Amount, r.Status })
                .ToListAsync(token);
            var completed = earlier.Where(r => r.Status == RefundStatus.Completed).Sum(r => r.Amount);
            if (completed >= payment.Amount)
            {
                return (null, RefundRefusal.FullyRefunded);
            }

            var left = payment.Amount - earlier.Sum(r => r.Amount);
            var amount = request.Amount ?? left;
            if (amount <= 0 || amount > left)
            {
                return (null, RefundRefusal.MoreThanLeft);
            }

            var restock = request.Restock is true;
            if (restock && (amount != payment.Amount || order.Status != OrderStatus.Paid))
            {
                return (null, RefundRefusal.RestockNotAllowed);
            }

            var now = clock.UtcNowForDatabase();
            var refund = new Refund
            {
                OrderId = orderId,
                PaymentId = payment.Id,
                Amount = amount,
                Reason = request.Reason,
                Restock = restock,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Refunds.Add(refund);
            await db.SaveChangesAsync(token);
            db.AddEvent(EventTypes.RefundRequested, refund.ToEventData(payment.TransactionId), now);
            idempotencyKey?.Record(db, refund.Id, now);
            await db.SaveChangesAsync(token);
            return (refund, null);
        }, cancellationToken);

    private static JsonHttpResult<ErrorEnvelope> Refusal(RefundRefusal refusal) => refusal switch
    {
        RefundRefusal.OrderNotFound => ApiResults.NotFound(Orders.OrderEndpoints.NotFoundMessage),
        RefundRefusal.NeverPaid => ApiResults.Conflict("The order was never paid; there is nothing to refund"),
        RefundRefusal.FullyRefunded => ApiResults.Conflict("The order is already fully refunded"),
        RefundRefusal.MoreThanLeft => ApiResults.Conflict("The amount is more than is left to refund, counting refunds still processing"),
        RefundRefusal.RestockNotAllowed => ApiResults.Conflict("Restock is allowed only for a full refund of an order that has not shipped"),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
    };

    private async Task<Accepted<RefundResponse>> ReplayAsync(long refundId, CancellationToken cancellationToken) =>
        Accepted(await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId, cancellationToken));

    private static Accepted<RefundResponse> Accepted(Refund refund) =>
        TypedResults.Accepted($"/orders/{refund.OrderId}/refunds/{refund.Id}", RefundResponse.From(refund));
}
