using Ecommerce.PaymentWorker.Gateway;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Messaging;
using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.PaymentWorker;

/// <summary>
/// Asks the gateway about one payment (outside any transaction: the gateway may take seconds), then settles the
/// payment and its order, announces the outcome and records the event as applied, all in one transaction. A payment
/// that is no longer processing is left alone, so a redelivered request never settles twice.
/// </summary>
public sealed class PaymentVerification(
    EcommerceDbContext db, IPaymentGateway gateway, GatewayCalls calls, OutboxSignal outbox,
    TimeProvider clock, ILogger<PaymentVerification> logger)
{
    private const string Consumer = "payment-worker";

    public async Task VerifyAsync(IntegrationEvent requested, CancellationToken cancellationToken)
    {
        var data = requested.DataAs<PaymentEventData>();
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == data.PaymentId, cancellationToken);
        if (payment.Status != PaymentStatus.Processing)
        {
            return;
        }

        var request = new GatewayRequest(payment.TransactionId, payment.Amount, payment.Method.ToString(), payment.PaymentToken);
        var answer = await calls.AskAsync(token => gateway.AuthorizeAsync(request, token), cancellationToken);
        var applied = await db.ApplyOnceAsync(Consumer, requested, clock, token => SettleAsync(payment.Id, answer, token), cancellationToken);
        if (applied)
        {
            outbox.Notify();
            (answer.Approved ? EcommerceTelemetry.PaymentsCompleted : EcommerceTelemetry.PaymentsFailed).Add(1);
            logger.LogInformation("Payment {TransactionId} for order {OrderId}: {Outcome}", payment.TransactionId, payment.OrderId, answer.Message);
        }
    }

    private async Task SettleAsync(long paymentId, GatewayAnswer answer, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForDatabase();
        var status = answer.Approved ? PaymentStatus.Completed : PaymentStatus.Failed;
        var settled = await db.Payments
            .Where(p => p.Id == paymentId && p.Status == PaymentStatus.Processing)
            .ExecuteUpdateAsync(set => set
                .SetProperty(p => p.Status, status)
                .SetProperty(p => p.Message, answer.Message)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (settled == 0)
        {
            return;
        }

        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken);
        var orders = db.Orders.Where(o => o.Id == payment.OrderId && o.PaymentStatus == PaymentStatus.Processing);
        if (answer.Approved)
        {
            await orders.Where(o => o.Status == OrderStatus.Pending).ExecuteUpdateAsync(set => set
                .SetProperty(o => o.PaymentStatus, PaymentStatus.Completed)
                .SetProperty(o => o.Status, OrderStatus.Paid)
                .SetProperty(o => o.PaidAt, now)
                .SetProperty(o => o.UpdatedAt, now), cancellationToken);
            db.AddEvent(EventTypes.PaymentCompleted, payment.ToEventData(), now);
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == payment.OrderId, cancellationToken);
            db.AddEvent(EventTypes.OrderPaid, order.ToEventData(), now);
        }
        else
        {
            await orders.ExecuteUpdateAsync(set => set
                .SetProperty(o => o.PaymentStatus, PaymentStatus.Failed)
                .SetProperty(o => o.UpdatedAt, now), cancellationToken);
            db.AddEvent(EventTypes.PaymentFailed, payment.ToEventData(answer.Message), now);
        }
    }
}

public sealed class PaymentRequestedConsumer(
    RabbitMQ.Client.IConnection connection, IServiceScopeFactory scopes, ConsumerOptions options, ILogger<PaymentRequestedConsumer> logger)
    : EventConsumer(connection, scopes, options, logger)
{
    protected override string QueueName => QueueNames.PaymentRequests;

    protected override IReadOnlyList<string> RoutingKeys => [EventTypes.PaymentRequested];

    protected override Task HandleAsync(IntegrationEvent integrationEvent, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<PaymentVerification>().VerifyAsync(integrationEvent, cancellationToken);
}
