namespace Ecommerce.Shared.Categories;

/// <summary>A node of the catalog tree; a root has no parent.</summary>
[Table("categories")]
[Index(nameof(Slug), IsUnique = true)]
public sealed class Category
{
    /// <summary>A root is level 1; no category sits deeper than this.</summary>
    public const int MaxDepth = 5;

    public int Id { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    [MaxLength(100)] public required string Slug { get; set; }
    public int? ParentId { get; set; }
    public DateTime CreatedAt { get; set; }
}
