namespace Ecommerce.Shared.Refunds;

/// <summary>Money returned from an order's completed payment, all of it or a part.</summary>
[Table("refunds")]
[Index(nameof(OrderId), nameof(CreatedAt))]
public sealed class Refund
{
    public const int MaxReasonLength = 500;

    public long Id { get; set; }
    public long OrderId { get; set; }
    public long PaymentId { get; set; }
    public decimal Amount { get; set; }
    [MaxLength(MaxReasonLength)] public string? Reason { get; set; }

    /// <summary>Whether completing the refund returns the order's stock; only for a full refund of an unshipped order.</summary>
    public bool Restock { get; set; }

    public RefundStatus Status { get; set; } = RefundStatus.Processing;
    [MaxLength(500)] public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum RefundStatus
{
    Processing,
    Completed,
    Failed,
}
