namespace Ecommerce.Shared.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.HasQueryFilter(p => p.DeletedAt == null);
        product.ToTable(table => table.HasCheckConstraint("ck_products_stock_not_negative", "stock >= 0"));
        product.Property(p => p.SearchVector).ValueGeneratedOnAddOrUpdate();
        product.HasIndex(p => p.SearchVector).HasMethod("GIN");
    }
}
