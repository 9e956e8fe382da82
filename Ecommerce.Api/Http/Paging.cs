using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Ecommerce.Api.Http;

public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void ApplyPagingRules<T>(this AbstractValidator<T> validator, Func<T, int?> skip, Func<T, int?> limit)
    {
        validator.RuleFor(query => skip(query)).GreaterThanOrEqualTo(0).OverridePropertyName("skip");
        validator.RuleFor(query => limit(query)).InclusiveBetween(1, MaxLimit).OverridePropertyName("limit");
    }
}

/// <summary>The paging of a list that has no filters of its own.</summary>
public sealed record PageQuery(
    [property: FromQuery(Name = "skip")] int? Skip,
    [property: FromQuery(Name = "limit")] int? Limit)
{
    public IQueryable<T> Of<T>(IQueryable<T> ordered) => ordered.Skip(Skip ?? 0).Take(Limit ?? Paging.DefaultLimit);
}

public sealed class PageQueryValidator : AbstractValidator<PageQuery>
{
    public PageQueryValidator() => this.ApplyPagingRules(q => q.Skip, q => q.Limit);
}

/// <summary>A page of a list: a plain JSON array, with the count of all matches in <c>X-Total-Count</c>.</summary>
public sealed class PageResult<T>(IReadOnlyList<T> items, int totalCount) : IResult, IEndpointMetadataProvider
{
    public const string TotalCountHeader = "X-Total-Count";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[TotalCountHeader] = totalCount.ToString();
        return TypedResults.Ok(items).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(IReadOnlyList<T>), ["application/json"]));
}
