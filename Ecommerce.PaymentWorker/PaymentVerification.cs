using System.Diagnostics;
using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.PaymentWorker;

/// <summary>
/// Asks the gateway about one payment (outside any transaction: the gateway may take seconds), then settles the
/// payment and its order, announces the outcome and records the event as applied, all in one transaction shared with
/// the other answers that arrive with it (<see cref="PaymentSettlementWriter"/>). A payment that is no longer
/// processing is left alone, so a redelivered request never settles twice.
/// </summary>
public sealed class PaymentVerification(
    EcommerceDbContext db, IPaymentGateway gateway, GatewayCalls calls, PaymentSettlementWriter settlements, OutboxSignal outbox,
    ILogger<PaymentVerification> logger) : IEventHandler
{
    public async Task HandleAsync(IntegrationEvent requested, CancellationToken cancellationToken)
    {
        var data = requested.DataAs<PaymentEventData>();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == data.PaymentId, cancellationToken);
        if (payment.Status != PaymentStatus.Processing)
        {
            return;
        }

        var request = new GatewayRequest(payment.TransactionId, payment.Amount, payment.Method.ToString(), payment.PaymentToken);
        var answer = await calls.AskAsync(token => gateway.AuthorizeAsync(request, token), cancellationToken);
        var settled = await settlements.SettleAsync(
            new PaymentSettlement(requested.EventId, payment, answer, Activity.Current?.Id), cancellationToken);
        if (settled)
        {
            outbox.Notify();
            (answer.Approved ? EcommerceTelemetry.PaymentsCompleted : EcommerceTelemetry.PaymentsFailed).Add(1);
            logger.LogInformation("Payment {TransactionId} for order {OrderId}: {Outcome}", payment.TransactionId, payment.OrderId, answer.Message);
        }
    }
}
