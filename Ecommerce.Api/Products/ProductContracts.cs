using System.Linq.Expressions;
using Ecommerce.Shared.Products;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Api.Products;

public sealed record ProductResponse(
    int Id, string Name, string? Description, decimal Price, int Stock, string? Sku, int? CategoryId, string? ImageUrl,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>The answer as a query selects it: only the columns it shows, not the product's search vector.</summary>
    public static readonly Expression<Func<Product, ProductResponse>> Projection = product => new ProductResponse(
        product.Id, product.Name, product.Description, product.Price, product.Stock, product.Sku, product.CategoryId,
        product.ImageUrl, product.CreatedAt, product.UpdatedAt);

    private static readonly Func<Product, ProductResponse> FromProduct = Projection.Compile();

    public static ProductResponse From(Product product) => FromProduct(product);
}

/// <summary>The body of POST and PUT: PUT replaces the whole product, so an omitted description, SKU, category or
/// image becomes null. A client-sent <c>id</c> is ignored.</summary>
public sealed record ProductRequest(
    string? Name, string? Description, decimal? Price, int? Stock, string? Sku = null, int? CategoryId = null, string? ImageUrl = null);

public sealed record ProductListQuery(
    [property: FromQuery(Name = "skip")] int? Skip,
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "min_price")] decimal? MinPrice,
    [property: FromQuery(Name = "max_price")] decimal? MaxPrice,
    [property: FromQuery(Name = "sort")] string? Sort,
    [property: FromQuery(Name = "category")] string? Category,
    [property: FromQuery(Name = "in_stock")] bool? InStock,
    [property: FromQuery(Name = "search")] string? Search)
{
    public const string Relevance = "relevance";

    public static readonly string[] SortKeys = ["name", "price", "-price", "created_at", "-created_at", Relevance];

    /// <summary>A search without words (only spaces) searches nothing and lists like no search. The words are put in
    /// order: a search needs every word wherever it stands and ranks the same whatever their order, so the same words in
    /// another order are the same search, and share its cache entry.</summary>
    public string? SearchText => string.IsNullOrWhiteSpace(Search)
        ? null
        : string.Join(' ', Search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>The category is keyed by its resolved id, so its id and its slug share one entry.</summary>
    public string CacheKey(int? categoryId) =>
        $"{Skip ?? 0}|{Limit ?? Paging.DefaultLimit}|{Q}|{MinPrice}|{MaxPrice}|{Sort}|{categoryId}|{InStock}|{SearchText}";
}

public sealed record ProductPage(IReadOnlyList<ProductResponse> Items, int TotalCount)
{
    public static readonly ProductPage Empty = new([], 0);
}

public sealed partial class ProductRequestValidator : AbstractValidator<ProductRequest>
{
    public const int MaxImageUrlLength = 2000;

    public const decimal MaxPrice = 1_000_000m;

    public ProductRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().NotBlank().MaximumLength(200).StorableText();
        RuleFor(r => r.Description).MaximumLength(2000).StorableText();
        RuleFor(r => r.Price).NotNull().GreaterThan(0).LessThanOrEqualTo(MaxPrice).AtMostTwoDecimals();
        RuleFor(r => r.Stock).GreaterThanOrEqualTo(0);
        RuleFor(r => r.Sku).Matches(SkuPattern()).WithMessage("'sku' must be 1 to 64 letters, digits and '._-'.");
        RuleFor(r => r.CategoryId).GreaterThan(0);
        RuleFor(r => r.ImageUrl).MaximumLength(MaxImageUrlLength)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0)
            .WithMessage("'image_url' must be an absolute https URL.").WithErrorCode("url")
            .When(r => r.ImageUrl is not null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial System.Text.RegularExpressions.Regex SkuPattern();
}

public sealed class ProductListQueryValidator : AbstractValidator<ProductListQuery>
{
    public ProductListQueryValidator()
    {
        this.ApplyPagingRules(q => q.Skip, q => q.Limit);
        RuleFor(q => q.Q).MaximumLength(200).StorableText();
        RuleFor(q => q.Search).MaximumLength(200).StorableText();
        RuleFor(q => q.Category).NotEmpty().MaximumLength(100).When(q => q.Category is not null);
        RuleFor(q => q.MinPrice).GreaterThanOrEqualTo(0);
        RuleFor(q => q.MaxPrice).GreaterThanOrEqualTo(q => q.MinPrice ?? 0);
        RuleFor(q => q.Sort).Must(sort => ProductListQuery.SortKeys.Contains(sort))
            .WithMessage($"'sort' must be one of {string.Join(", ", ProductListQuery.SortKeys)}.")
            .When(q => q.Sort is not null);
    }
}
