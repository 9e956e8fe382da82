using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Http.Metadata;

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
