namespace Ecommerce.Shared.Orders;

[Table("order_items")]
public sealed class OrderItem
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public required int ProductId { get; set; }
    [MaxLength(200)] public required string ProductName { get; set; }
    public required int Quantity { get; set; }

    /// <summary>The unit price when the order was placed.</summary>
    public required decimal Price { get; set; }
}
