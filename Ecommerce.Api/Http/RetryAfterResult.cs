using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ecommerce.Api.Http;

/// <summary>A 429 error envelope that also tells the client, in <c>Retry-After</c>, how many seconds to wait.</summary>
public sealed class RetryAfterResult(string message, int seconds) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString();
        return ApiResults.ForStatus(StatusCodes.Status429TooManyRequests, message).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ErrorEnvelope), ["application/json"]));
}
