using Ecommerce.Shared.Categories;

namespace Ecommerce.Api.Categories;

public sealed record CategoryResponse(int Id, string Name, string Slug, int? ParentId, DateTime CreatedAt)
{
    public static CategoryResponse From(Category category) =>
        new(category.Id, category.Name, category.Slug, category.ParentId, category.CreatedAt);
}

/// <summary>The body of POST and PUT; PUT replaces the whole category, so an omitted parent makes it a root.</summary>
public sealed record CategoryRequest(string? Name, string? Slug, int? ParentId);

public sealed partial class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    public CategoryRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().NotBlank().MaximumLength(100).StorableText();
        RuleFor(r => r.Slug).NotEmpty().Matches(SlugPattern())
            .WithMessage("'slug' must be 1 to 100 lower-case letters, digits and '-'.");
        RuleFor(r => r.ParentId).GreaterThan(0);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[a-z0-9-]{1,100}\z")]
    private static partial System.Text.RegularExpressions.Regex SlugPattern();
}
