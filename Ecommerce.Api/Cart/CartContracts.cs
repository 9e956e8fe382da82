using Ecommerce.Api.Orders;

namespace Ecommerce.Api.Cart;

/// <summary><paramref name="Available"/> is false when the product left the catalog or has less stock than the line
/// wants.</summary>
public sealed record CartLineResponse(int ProductId, string ProductName, decimal Price, int Quantity, decimal LineTotal, bool Available);

/// <summary><paramref name="TotalAmount"/> counts every line at the catalog's current price, what checkout charges;
/// <paramref name="ItemCount"/> is the number of units.</summary>
public sealed record CartResponse(IReadOnlyList<CartLineResponse> Items, decimal TotalAmount, int ItemCount, DateTime? UpdatedAt);

public sealed record CartLineRequest(int? Quantity);

public sealed record CheckoutRequest(PaymentMethod? PaymentMethod, ShippingAddressRequest? ShippingAddress, decimal? ExpectedTotal);

public sealed class CartLineRequestValidator : AbstractValidator<CartLineRequest>
{
    public CartLineRequestValidator() =>
        RuleFor(r => r.Quantity).NotNull().InclusiveBetween(1, CreateOrderRequestValidator.MaxQuantity);
}

public sealed class CheckoutRequestValidator : AbstractValidator<CheckoutRequest>
{
    public CheckoutRequestValidator()
    {
        RuleFor(r => r.PaymentMethod).NotNull();
        RuleFor(r => r.ShippingAddress).NotNull();
        RuleFor(r => r.ShippingAddress!).SetValidator(new ShippingAddressValidator()).When(r => r.ShippingAddress is not null);
        RuleFor(r => r.ExpectedTotal).GreaterThanOrEqualTo(0);
    }
}
