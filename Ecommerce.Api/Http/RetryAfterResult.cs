using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ecommerce.Api.Http;

/// <summary>An error envelope (429 unless told otherwise) that also tells the client, in <c>Retry-After</c>, how many
/// whole seconds to wait.</summary>
public sealed class RetryAfterResult(string message, TimeSpan retryAfter, int status = StatusCodes.Status429TooManyRequests)
    : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        return ApiResults.ForStatus(status, message).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ErrorEnvelope), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ErrorEnvelope), ["application/json"]));
    }
}
