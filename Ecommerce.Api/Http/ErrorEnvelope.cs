using System.Text.Json.Serialization;

namespace Ecommerce.Api.Http;

/// <summary>The one shape of every non-2xx answer: <c>{"success": false, "error": {...}}</c>.</summary>
public sealed record ErrorEnvelope(ErrorBody Error)
{
    [JsonPropertyOrder(-1)]
    public bool Success => false;
}

public sealed record ErrorBody(
    string Code,
    string Message,
    object? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceId = null);

/// <summary>One entry of a validation error's <c>detail</c>: where, what, and which rule.</summary>
public sealed record FieldError(IReadOnlyList<object> Loc, string Msg, string Type);

public static class ErrorCodes
{
    public const string NotFound = "ERR_NOT_FOUND";
    public const string Validation = "ERR_VALIDATION";
    public const string Conflict = "ERR_CONFLICT";

    /// <summary>The code of an answer that says no more than its status: ERR_UNAUTHORIZED, ERR_FORBIDDEN and ERR_INTERNAL,
    /// and for any other status ERR_ and its number, such as an unknown route's ERR_404.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "ERR_UNAUTHORIZED",
        StatusCodes.Status403Forbidden => "ERR_FORBIDDEN",
        StatusCodes.Status500InternalServerError => "ERR_INTERNAL",
        _ => $"ERR_{status}",
    };
}
