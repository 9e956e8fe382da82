using Microsoft.AspNetCore.WebUtilities;

namespace Ecommerce.Api.Http;

/// <summary>Typed results that carry the error envelope, so endpoints declare their failures in their signatures.</summary>
public static class ApiResults
{
    public static JsonHttpResult<ErrorEnvelope> Error(int status, string code, string message, object? detail = null) =>
        TypedResults.Json(new ErrorEnvelope(new ErrorBody(code, message, detail)), statusCode: status);

    public static JsonHttpResult<ErrorEnvelope> NotFound(string message) =>
        Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);

    public static JsonHttpResult<ErrorEnvelope> Conflict(string message, object? detail = null) =>
        Error(StatusCodes.Status409Conflict, ErrorCodes.Conflict, message, detail);

    public static JsonHttpResult<ErrorEnvelope> Forbidden(string message) => ForStatus(StatusCodes.Status403Forbidden, message);

    public static JsonHttpResult<ErrorEnvelope> Unauthorized(string message) => ForStatus(StatusCodes.Status401Unauthorized, message);

    public static JsonHttpResult<ErrorEnvelope> Validation(IReadOnlyList<FieldError> errors) =>
        Error(StatusCodes.Status422UnprocessableEntity, ErrorCodes.Validation, "Request validation failed", errors);

    public static JsonHttpResult<ErrorEnvelope> ForStatus(int status, string? message = null) =>
        Error(status, ErrorCodes.ForStatus(status), message ?? ReasonPhrases.GetReasonPhrase(status));
}
