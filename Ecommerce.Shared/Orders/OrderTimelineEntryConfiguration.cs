namespace Ecommerce.Shared.Orders;

internal sealed class OrderTimelineEntryConfiguration : IEntityTypeConfiguration<OrderTimelineEntry>
{
    public void Configure(EntityTypeBuilder<OrderTimelineEntry> entry)
    {
        entry.ToTable("order_timeline");
        entry.HasIndex(e => e.EventId).IsUnique();
        entry.HasIndex(e => new { e.OrderId, e.OccurredAt });
        entry.Property(e => e.Type).HasMaxLength(50);
        entry.Property(e => e.Detail).HasColumnType("jsonb");
        entry.Property(e => e.TraceId).HasMaxLength(32);
    }
}
