namespace Ecommerce.Shared.Orders;

/// <summary>One event that concerned an order, as the order consumer received it. The event id is unique, so a
/// redelivered event is recorded once.</summary>
[Table("order_timeline")]
[Index(nameof(EventId), IsUnique = true)]
[Index(nameof(OrderId), nameof(OccurredAt))]
public sealed class OrderTimelineEntry
{
    public long Id { get; set; }
    public required long OrderId { get; set; }
    public required Guid EventId { get; set; }
    [MaxLength(50)] public required string Type { get; set; }
    public required DateTime OccurredAt { get; set; }
    [Column(TypeName = "jsonb")] public required string Detail { get; set; }
    [MaxLength(32)] public string? TraceId { get; set; }
}
