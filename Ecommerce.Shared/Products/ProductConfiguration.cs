using Ecommerce.Shared.Categories;

namespace Ecommerce.Shared.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> product)
    {
        product.ToTable("products", table => table.HasCheckConstraint("ck_products_stock_not_negative", "stock >= 0"));
        product.Property(p => p.Name).HasMaxLength(200);
        product.Property(p => p.Description).HasMaxLength(2000);
        product.Property(p => p.Price).HasPrecision(12, 2);
        product.Property(p => p.Sku).HasMaxLength(64);
        product.Property(p => p.ImageUrl).HasMaxLength(2000);
        product.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        product.Property(p => p.SearchVector).ValueGeneratedOnAddOrUpdate();
        product.HasIndex(p => p.SearchVector).HasMethod("GIN");
        product.HasQueryFilter(p => p.DeletedAt == null);
        product.HasIndex(p => p.Name);
    }
}
