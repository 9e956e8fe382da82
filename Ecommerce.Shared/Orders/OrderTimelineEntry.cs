namespace Ecommerce.Shared.Orders;

/// <summary>One event that concerned an order, as the order consumer received it. The event id is unique, so a
/// redelivered event is recorded once.</summary>
public sealed class OrderTimelineEntry
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public Guid EventId { get; set; }
    public required string Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string Detail { get; set; }
    public string? TraceId { get; set; }
}
