using Ecommerce.Api.Products;

namespace Ecommerce.Api.Cart;

/// <summary>Prices a stored cart at the catalog's current prices and stock, read through the catalog's cache. A product
/// that left the catalog keeps its last name and price and shows as unavailable. One for the process: a cart read
/// opens a database context only when a line left the catalog.</summary>
public sealed class CartPricing(ProductCatalog catalog, IServiceScopeFactory scopes)
{
    public async Task<CartResponse> PriceAsync(StoredCart cart, CancellationToken cancellationToken)
    {
        var lines = new List<CartLineResponse>(cart.Lines.Count);
        var departed = new List<(int ProductId, int Quantity)>();
        foreach (var (productId, quantity) in cart.Lines)
        {
            if (await catalog.FindAsync(productId, cancellationToken) is { } product)
            {
                lines.Add(new CartLineResponse(productId, product.Name, product.Price, quantity, product.Price * quantity, product.Stock >= quantity));
            }
            else
            {
                departed.Add((productId, quantity));
            }
        }

        if (departed.Count > 0)
        {
            var ids = departed.Select(l => l.ProductId).ToList();
            var last = await scopes.ReadAsync((db, token) => db.Products.IgnoreQueryFilters().AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => (p.Name, p.Price), token), cancellationToken);
            lines.AddRange(departed.Select(l => last.TryGetValue(l.ProductId, out var seen)
                ? new CartLineResponse(l.ProductId, seen.Name, seen.Price, l.Quantity, seen.Price * l.Quantity, Available: false)
                : new CartLineResponse(l.ProductId, "", 0m, l.Quantity, 0m, Available: false)));
            lines.Sort((a, b) => a.ProductId.CompareTo(b.ProductId));
        }

        return new CartResponse(lines, lines.Sum(l => l.LineTotal), lines.Sum(l => l.Quantity), cart.UpdatedAt);
    }
}
