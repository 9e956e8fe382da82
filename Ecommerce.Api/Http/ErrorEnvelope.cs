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
    public const string Unauthorized = "ERR_UNAUTHORIZED";
    public const string Forbidden = "ERR_FORBIDDEN";
    public const string Conflict = "ERR_CONFLICT";
    public const string Internal = "ERR_INTERNAL";

    /// <summary>The code for an answer that carries no domain meaning, such as an unknown route (ERR_404).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status500InternalServerError => Internal,
        _ => $"ERR_{status}",
    };
}
