namespace Ecommerce.Api.Products;

/// <summary>
/// Stock also changes outside the API: the order consumer cancels unpaid orders and releases their stock, and the
/// payment worker returns the stock of a refund with restock. Every <c>order.canceled</c> and <c>order.refunded</c>
/// invalidates the catalog cache here, so a read does not show stock from before the release.
/// </summary>
public sealed class CatalogChangeHandler(CatalogInvalidation invalidation) : IEventHandler
{
    public Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) => invalidation.InvalidateAsync();
}
