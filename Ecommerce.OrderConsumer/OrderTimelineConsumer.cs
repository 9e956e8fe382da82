using System.Diagnostics;
using Ecommerce.Domain.Data;
using Ecommerce.Domain.Messaging;
using Ecommerce.Domain.Orders;

namespace Ecommerce.OrderConsumer;

/// <summary>Records every order and payment event on its order's timeline, once, and sends the confirmation notice
/// when an order is created.</summary>
public sealed class OrderTimelineConsumer(
    RabbitMQ.Client.IConnection connection, IServiceScopeFactory scopes, ConsumerOptions options, ILogger<OrderTimelineConsumer> logger)
    : EventConsumer(connection, scopes, options, logger)
{
    private const string Consumer = "order-consumer";

    protected override string QueueName => "order-consumer.events";

    protected override IReadOnlyList<string> RoutingKeys => ["order.*", "payment.*"];

    protected override async Task HandleAsync(IntegrationEvent integrationEvent, IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EcommerceDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var orderId = integrationEvent.Data.GetProperty("order_id").GetInt64();

        var applied = await db.ApplyOnceAsync(Consumer, integrationEvent, clock, _ =>
        {
            db.OrderTimeline.Add(new OrderTimelineEntry
            {
                OrderId = orderId,
                EventId = integrationEvent.EventId,
                Type = integrationEvent.EventType,
                OccurredAt = integrationEvent.OccurredAt,
                Detail = integrationEvent.Data.GetRawText(),
                TraceId = Activity.Current?.TraceId.ToHexString(),
            });
            return Task.CompletedTask;
        }, cancellationToken);

        if (applied && integrationEvent.EventType == EventTypes.OrderCreated)
        {
            await services.GetRequiredService<IOrderNotifier>().SendConfirmationAsync(integrationEvent.DataAs<OrderEventData>(), cancellationToken);
        }
    }
}
