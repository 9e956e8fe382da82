namespace Ecommerce.Shared.Orders;

[Table("orders")]
[Index(nameof(OrderNumber), IsUnique = true)]
[Index(nameof(UserId), nameof(CreatedAt))]
[Index(nameof(Status), nameof(CreatedAt))]
public sealed class Order
{
    public long Id { get; set; }
    [MaxLength(12)] public required string OrderNumber { get; set; }
    public int UserId { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Pending;
    public PaymentStatus PaymentStatus { get; set; } = PaymentStatus.Pending;
    public PaymentMethod? PaymentMethod { get; set; }
    public decimal TotalAmount { get; set; }
    public List<OrderItem> Items { get; set; } = [];
    public ShippingAddress? ShippingAddress { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PaidAt { get; set; }

    /// <summary>The most that <c>numeric(12,2)</c>, the column of every amount, holds.</summary>
    public const decimal MaxAmount = 9_999_999_999.99m;

    /// <summary>"ORD-" and 8 hex digits. Multiplying by an odd constant modulo 2^32 is a bijection, so distinct ids
    /// give distinct numbers that do not reveal how many orders exist.</summary>
    public static string NumberFor(long id) => $"ORD-{(uint)(id * 2654435761L):X8}";
}

public enum OrderStatus
{
    Pending,
    Paid,
    Shipped,
    Delivered,
    Canceled,
    Refunded,
}

public enum PaymentStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
    PartiallyRefunded,
    Refunded,
}

public enum PaymentMethod
{
    CreditCard,
    Paypal,
    BankTransfer,
}
