using NpgsqlTypes;

namespace Ecommerce.Shared.Products;

[Table("products")]
[Index(nameof(Name))]
public sealed class Product
{
    public int Id { get; set; }
    [MaxLength(200)] public required string Name { get; set; }
    [MaxLength(2000)] public string? Description { get; set; }
    public decimal Price { get; set; }
    public int Stock { get; set; }
    [MaxLength(64)] public string? Sku { get; set; }
    public int? CategoryId { get; set; }
    [MaxLength(2000)] public string? ImageUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Set when the product leaves the catalog; the row stays so that orders holding it keep their items.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Written by the database (<see cref="ProductSearch"/>), never by the application.</summary>
    public NpgsqlTsVector? SearchVector { get; set; }
}
