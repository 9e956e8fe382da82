using Ecommerce.Api.Http;
using Ecommerce.Shared.Products;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Api.Products;

public sealed record ProductResponse(
    int Id, string Name, string? Description, decimal Price, int Stock, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static ProductResponse From(Product product) => new(
        product.Id, product.Name, product.Description, product.Price, product.Stock, product.CreatedAt, product.UpdatedAt);
}

/// <summary>The body of POST and PUT: PUT replaces the whole product, so an omitted description becomes null. A
/// client-sent <c>id</c> is ignored.</summary>
public sealed record ProductRequest(string? Name, string? Description, decimal? Price, int? Stock);

public sealed record ProductListQuery(
    [property: FromQuery(Name = "skip")] int? Skip,
    [property: FromQuery(Name = "limit")] int? Limit,
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "min_price")] decimal? MinPrice,
    [property: FromQuery(Name = "max_price")] decimal? MaxPrice,
    [property: FromQuery(Name = "sort")] string? Sort)
{
    public static readonly string[] SortKeys = ["name", "price", "-price", "created_at", "-created_at"];

    public string CacheKey => $"{Skip ?? 0}|{Limit ?? Paging.DefaultLimit}|{Q}|{MinPrice}|{MaxPrice}|{Sort}";
}

public sealed record ProductPage(IReadOnlyList<ProductResponse> Items, int TotalCount);

public sealed class ProductRequestValidator : AbstractValidator<ProductRequest>
{
    public const decimal MaxPrice = 1_000_000m;

    public ProductRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().NotBlank().MaximumLength(200).StorableText();
        RuleFor(r => r.Description).MaximumLength(2000).StorableText();
        RuleFor(r => r.Price).NotNull().GreaterThan(0).LessThanOrEqualTo(MaxPrice)
            .Must(price => decimal.Round(price!.Value, 2) == price).WithMessage("'price' may have at most 2 decimals.")
            .When(r => r.Price is not null, ApplyConditionTo.CurrentValidator);
        RuleFor(r => r.Stock).GreaterThanOrEqualTo(0);
    }
}

public sealed class ProductListQueryValidator : AbstractValidator<ProductListQuery>
{
    public ProductListQueryValidator()
    {
        this.ApplyPagingRules(q => q.Skip, q => q.Limit);
        RuleFor(q => q.Q).MaximumLength(200).StorableText();
        RuleFor(q => q.MinPrice).GreaterThanOrEqualTo(0);
        RuleFor(q => q.MaxPrice).GreaterThanOrEqualTo(q => q.MinPrice ?? 0);
        RuleFor(q => q.Sort).Must(sort => ProductListQuery.SortKeys.Contains(sort))
            .WithMessage($"'sort' must be one of {string.Join(", ", ProductListQuery.SortKeys)}.")
            .When(q => q.Sort is not null);
    }
}
