namespace Ecommerce.Api.Products;

/// <summary>
/// Stock also changes outside the API: the order consumer cancels unpaid orders and releases their stock, and the
/// payment worker returns the stock of a refund with restock. Every <c>order.canceled</c> and <c>order.refunded</c>
/// invalidates the catalog cache here, so a read does not show stock from before the release.
/// </summary>
public sealed class CatalogChangeConsumer(
    RabbitMQ.Client.IConnection connection, IServiceScopeFactory scopes, ConsumerOptions options,
    CatalogInvalidation invalidation, ILogger<CatalogChangeConsumer> logger)
    : EventConsumer(connection, scopes, options, logger)
{
    protected override string QueueName => QueueNames.Catalog;

    protected override IReadOnlyList<string> RoutingKeys => [EventTypes.OrderCanceled, EventTypes.OrderRefunded];

    protected override Task HandleAsync(IntegrationEvent integrationEvent, IServiceProvider services, CancellationToken cancellationToken) =>
        invalidation.InvalidateAsync();
}
