using Ecommerce.Shared.Orders;

namespace Ecommerce.Shared.Payments;

/// <summary>One attempt to pay an order. A failed attempt may be followed by another; the newest one is the order's
/// payment.</summary>
[Table("payments")]
[Index(nameof(OrderId), nameof(CreatedAt))]
[Index(nameof(TransactionId), IsUnique = true)]
public sealed class Payment
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    [MaxLength(11)] public required string TransactionId { get; set; }
    public decimal Amount { get; set; }
    public PaymentMethod Method { get; set; }

    /// <summary>The gateway's token for the customer's payment details; never a card number.</summary>
    [MaxLength(100)] public string? PaymentToken { get; set; }

    public PaymentStatus Status { get; set; } = PaymentStatus.Processing;
    [MaxLength(500)] public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>"TX-" and 8 digits: 48271 is coprime with 10^8, so the mapping from id is a bijection below 10^8.</summary>
    public static string TransactionIdFor(long id) => $"TX-{id * 48271L % 100_000_000L:D8}";
}

public static class PaymentEvents
{
    public static Messaging.PaymentEventData ToEventData(this Payment payment, string? reason = null) => new(
        payment.OrderId, payment.Id, payment.TransactionId, payment.Amount,
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(payment.Method.ToString()),
        payment.Status.ToString().ToLowerInvariant(), reason);
}
