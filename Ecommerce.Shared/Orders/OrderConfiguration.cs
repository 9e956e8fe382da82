using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ecommerce.Shared.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        // Ids come from a sequence before the insert, so the order number is known in the same round trip.
        order.Property(o => o.Id).UseHiLo("orders_hilo");
        order.Property(o => o.OrderNumber).HasMaxLength(12);
        order.HasIndex(o => o.OrderNumber).IsUnique();
        order.HasIndex(o => new { o.UserId, o.CreatedAt });
        order.HasIndex(o => new { o.Status, o.CreatedAt });
        order.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.PaymentStatus).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.PaymentMethod).HasConversion<string>().HasMaxLength(20);
        order.Property(o => o.TotalAmount).HasPrecision(12, 2);
        order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId);
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> item)
    {
        item.ToTable("order_items");
        item.Property(i => i.Id).UseHiLo("order_items_hilo");
        item.Property(i => i.ProductName).HasMaxLength(200);
        item.Property(i => i.Price).HasPrecision(12, 2);
        item.HasOne<Products.Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

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
