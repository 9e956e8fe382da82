using System.Diagnostics;
using Ecommerce.OrderConsumer.Webhooks;
using Ecommerce.Shared.Orders;

namespace Ecommerce.OrderConsumer;

/// <summary>Records every order, payment and refund event on its order's timeline, once, sends the confirmation notice
/// when an order is created, and owes the event to every webhook subscription that matches it. One consumption serves
/// all three: a queue of its own for webhooks cost the pipeline a second consumption of every event.</summary>
public sealed class OrderTimelineHandler(OrderTimelineWriter timeline, WebhookDeliveryWriter deliveries, IOrderNotifier notifier)
    : IEventHandler
{
    public async Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var recorded = await timeline.RecordAsync(new OrderTimelineEntry
        {
            OrderId = integrationEvent.Data.GetProperty("order_id").GetInt64(),
            EventId = integrationEvent.EventId,
            Type = integrationEvent.EventType,
            OccurredAt = integrationEvent.OccurredAt,
            Detail = integrationEvent.Data.GetRawText(),
            TraceId = Activity.Current?.TraceId.ToHexString(),
        }, cancellationToken);

        if (recorded && integrationEvent.EventType == EventTypes.OrderCreated)
        {
            await notifier.SendConfirmationAsync(integrationEvent.DataAs<OrderEventData>(), cancellationToken);
        }

        await deliveries.AddAsync(integrationEvent, cancellationToken);
    }
}
