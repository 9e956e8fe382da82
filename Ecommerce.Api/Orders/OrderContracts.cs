using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Api.Orders;

public sealed record OrderItemRequest(int? ProductId, int? Quantity);

public sealed record CreateOrderRequest(
    IReadOnlyList<OrderItemRequest>? Items, PaymentMethod? PaymentMethod, ShippingAddressRequest? ShippingAddress = null)
{
    /// <summary>Only after validation.</summary>
    public PlacementRequest ToPlacement() => new(
        [.. Items!.Select(i => (i.ProductId!.Value, i.Quantity!.Value))], PaymentMethod, ShippingAddress?.ToAddress(), null, ["body", "items"]);
}

public sealed record OrderItemResponse(long Id, int ProductId, string ProductName, int Quantity, decimal Price);

public sealed record OrderResponse(
    long Id, string OrderNumber, int UserId, OrderStatus Status, PaymentStatus PaymentStatus, PaymentMethod? PaymentMethod,
    decimal TotalAmount, IReadOnlyList<OrderItemResponse> Items, ShippingAddress? ShippingAddress, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static OrderResponse From(Order order) => new(
        order.Id, order.OrderNumber, order.UserId, order.Status, order.PaymentStatus, order.PaymentMethod, order.TotalAmount,
        order.Items.OrderBy(i => i.Id).Select(i => new OrderItemResponse(i.Id, i.ProductId, i.ProductName, i.Quantity, i.Price)).ToList(),
        order.ShippingAddress, order.CreatedAt, order.UpdatedAt);
}

public sealed record OrderSummaryResponse(
    long Id, string OrderNumber, decimal TotalAmount, OrderStatus Status, PaymentStatus PaymentStatus, DateTime CreatedAt);

public sealed record OrderEventResponse(string Type, DateTime OccurredAt, JsonElement Detail, string? TraceId);

public sealed record StockShortage(int ProductId, int Requested, int Available);

public sealed record OrderListQuery(
    [property: FromQuery(Name = "skip")] int? Skip,
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "user_id")] int? UserId,
    [property: FromQuery(Name = "status")] string? Status)
{
    /// <summary>Query binding of enums is case-sensitive, so the status arrives as text and is parsed here.</summary>
    public OrderStatus? StatusFilter => Status is null ? null : Enum.Parse<OrderStatus>(Status, ignoreCase: true);
}

public sealed class CreateOrderRequestValidator : AbstractValidator<CreateOrderRequest>
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 1000;

    public CreateOrderRequestValidator()
    {
        RuleFor(r => r.Items).NotNull().Must(items => items!.Count is >= 1 and <= MaxLines)
            .WithMessage($"'items' must hold 1 to {MaxLines} lines.");
        RuleForEach(r => r.Items).ChildRules(item =>
        {
            item.RuleFor(i => i.ProductId).NotNull().GreaterThan(0);
            item.RuleFor(i => i.Quantity).NotNull().InclusiveBetween(1, MaxQuantity);
        }).When(r => r.Items is not null);
        RuleFor(r => r.ShippingAddress!).SetValidator(new ShippingAddressValidator()).When(r => r.ShippingAddress is not null);
    }
}

public sealed class OrderListQueryValidator : AbstractValidator<OrderListQuery>
{
    public OrderListQueryValidator()
    {
        this.ApplyPagingRules(q => q.Skip, q => q.Limit);
        RuleFor(q => q.Status).IsEnumName(typeof(OrderStatus), caseSensitive: false);
    }
}
