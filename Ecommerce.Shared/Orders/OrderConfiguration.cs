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
        order.OwnsOne(o => o.ShippingAddress, address =>
        {
            address.Property(a => a.Name).HasMaxLength(200);
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(200);
            address.Property(a => a.PostalCode).HasMaxLength(200);
            address.Property(a => a.Country).HasMaxLength(2);
        });
        order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId);
    }
}
