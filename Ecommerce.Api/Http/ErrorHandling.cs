using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Ecommerce.Api.Http;

/// <summary>Turns every failure outside the endpoints (binding, body limits, media types, routing, unhandled
/// exceptions) into the error envelope.</summary>
public static partial class ErrorHandling
{
    public static IServiceCollection AddErrorEnvelope(this IServiceCollection services)
    {
        // Binding failures become exceptions so that they reach one handler instead of ending as empty 400s.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseErrorEnvelope(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            NoSniff(context.Response);
            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteEnvelopeAsync,
            // A request the framework could not bind (malformed JSON, a wrong type) is the client's error, answered with
            // a 4xx: it must not be logged as an error of the service, with a stack trace, for a person to look at.
            SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages(context => ApiResults.ForStatus(context.HttpContext.Response.StatusCode)
            .ExecuteAsync(context.HttpContext));
        return app;
    }

    /// <summary>Browsers must take every answer for the type it declares, never guess another from its content.</summary>
    private static void NoSniff(HttpResponse response) => response.Headers.XContentTypeOptions = "nosniff";

    private static Task WriteEnvelopeAsync(HttpContext context)
    {
        // The exception handler cleared the failed response's headers.
        NoSniff(context.Response);
        var failure = context.Features.Get<IExceptionHandlerFeature>()!;
        var exception = failure.Error;
        var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorHandling));
        if (exception is BadHttpRequestException badRequest)
        {
            logger.LogInformation("Refused a bad request for {Method} {Path}, trace {TraceId}: {Reason}",
                context.Request.Method, context.Request.Path, traceId, badRequest.Message);
            return ForBadRequest(badRequest, failure.RouteValues).ExecuteAsync(context);
        }

        logger.LogError(exception, "Unhandled exception for {Method} {Path}, trace {TraceId}", context.Request.Method, context.Request.Path, traceId);
        var body = new ErrorBody(ErrorCodes.ForStatus(StatusCodes.Status500InternalServerError), "Internal server error", TraceId: traceId);
        return TypedResults.Json(new ErrorEnvelope(body), statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context);
    }

    /// <param name="routeValues">The failed request's route values: the handler runs after they were cleared.</param>
    private static IResult ForBadRequest(BadHttpRequestException exception, RouteValueDictionary? routeValues) =>
        exception.StatusCode switch
        {
            StatusCodes.Status400BadRequest => ApiResults.Validation([FieldErrorFor(exception, routeValues)]),
            _ => ApiResults.ForStatus(exception.StatusCode, exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status415UnsupportedMediaType => "Content-Type must be application/json",
                _ => null,
            }),
        };

    private static FieldError FieldErrorFor(BadHttpRequestException exception, RouteValueDictionary? routeValues)
    {
        if (exception.InnerException is JsonException json)
        {
            return new FieldError(
                JsonPathToLoc(json.Path),
                json.Path is null or "$" ? "Malformed JSON body" : "Value is of the wrong type or out of range",
                json.Path is null or "$" ? "json_invalid" : "type_error");
        }

        var parameter = ParameterName().Match(exception.Message);
        if (parameter.Success)
        {
            var name = parameter.Groups["name"].Value;
            var source = routeValues?.ContainsKey(name) == true ? "path" : "query";
            return new FieldError([source, JsonNamingPolicy.SnakeCaseLower.ConvertName(name)], $"Invalid value \"{parameter.Groups["value"].Value}\"", "type_error");
        }

        return exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? new FieldError(["body"], "Field required", "missing")
            : new FieldError(["request"], exception.Message, "value_error");
    }

    /// <summary>"$.items[0].quantity" becomes ["body", "items", 0, "quantity"].</summary>
    internal static IReadOnlyList<object> JsonPathToLoc(string? path)
    {
        List<object> loc = ["body"];
        foreach (Match segment in JsonPathSegment().Matches(path ?? ""))
        {
            loc.Add(segment.Groups["index"].Success ? int.Parse(segment.Groups["index"].Value) : segment.Groups["name"].Value);
        }

        return loc;
    }

    [GeneratedRegex(@"parameter ""(?:\S+ )?(?<name>[^""\s]+)"" from ""(?<value>[^""]*)""")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\.(?<name>\w+)|\[(?<index>\d+)\]|\['(?<name>[^']+)'\]")]
    private static partial Regex JsonPathSegment();
}
