namespace Ecommerce.Shared.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
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
