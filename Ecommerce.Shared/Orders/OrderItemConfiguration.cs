namespace Ecommerce.Shared.Orders;

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
