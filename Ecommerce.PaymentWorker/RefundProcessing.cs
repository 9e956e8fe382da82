using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Refunds;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.PaymentWorker;

/// <summary>
/// Asks the gateway for one refund (outside any transaction), then settles it in one transaction: the refund's final
/// state, what the order shows of it, the stock of a restock, and the events. A refund that is no longer processing is
/// left alone, so a redelivered request never settles twice and stock comes back once.
/// </summary>
public sealed class RefundProcessing(
    EcommerceDbContext db, IPaymentGateway gateway, GatewayCalls calls, OutboxSignal outbox,
    TimeProvider clock, ILogger<RefundProcessing> logger) : IEventHandler
{
    private const string Consumer = "payment-worker.refunds";

    public async Task HandleAsync(IntegrationEvent requested, CancellationToken cancellationToken)
    {
        var data = requested.DataAs<RefundEventData>();
        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == data.RefundId, cancellationToken);
        if (refund.Status != RefundStatus.Processing)
        {
            return;
        }

        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == refund.PaymentId, cancellationToken);
        var request = new GatewayRefundRequest(payment.TransactionId, refund.Id, refund.Amount, payment.PaymentToken);
        var answer = await calls.AskAsync(token => gateway.RefundAsync(request, token), cancellationToken);
        var applied = await db.ApplyOnceAsync(Consumer, requested, clock,
            token => SettleAsync(refund.Id, payment.TransactionId, answer, token), cancellationToken);
        if (applied)
        {
            outbox.Notify();
            logger.LogInformation("Refund {RefundId} of order {OrderId}: {Outcome}", refund.Id, refund.OrderId, answer.Message);
        }
    }

    private async Task SettleAsync(long refundId, string transactionId, GatewayAnswer answer, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForDatabase();
        var status = answer.Approved ? RefundStatus.Completed : RefundStatus.Failed;
        var settled = await db.Refunds
            .Where(r => r.Id == refundId && r.Status == RefundStatus.Processing)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Message, answer.Message)
                .SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (settled == 0)
        {
            return;
        }

        var refund = await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refundId, cancellationToken);
        if (!answer.Approved)
        {
            db.AddEvent(EventTypes.RefundFailed, refund.ToEventData(transactionId), now);
            return;
        }

        db.AddEvent(EventTypes.RefundCompleted, refund.ToEventData(transactionId), now);
        var paid = await db.Payments.Where(p => p.Id == refund.PaymentId).Select(p => p.Amount).SingleAsync(cancellationToken);
        var refunded = await db.Refunds.Where(r => r.PaymentId == refund.PaymentId && r.Status == RefundStatus.Completed)
            .SumAsync(r => r.Amount, cancellationToken);
        var order = db.Orders.Where(o => o.Id == refund.OrderId);
        if (refunded < paid)
        {
            await order.ExecuteUpdateAsync(set => set
                .SetProperty(o => o.PaymentStatus, PaymentStatus.PartiallyRefunded)
                .SetProperty(o => o.UpdatedAt, now), cancellationToken);
            return;
        }

        await order.ExecuteUpdateAsync(set => set
            .SetProperty(o => o.Status, OrderStatus.Refunded)
            .SetProperty(o => o.PaymentStatus, PaymentStatus.Refunded)
            .SetProperty(o => o.UpdatedAt, now), cancellationToken);
        if (refund.Restock)
        {
            await db.ReleaseStockAsync(refund.OrderId, cancellationToken);
        }

        var refundedOrder = await order.AsNoTracking().SingleAsync(cancellationToken);
        db.AddEvent(EventTypes.OrderRefunded, refundedOrder.ToEventData(refund.Reason), now);
    }
}
