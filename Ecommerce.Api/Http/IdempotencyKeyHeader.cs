using System.Security.Cryptography;
using System.Text.Json;

namespace Ecommerce.Api.Http;

/// <summary>The <c>Idempotency-Key</c> header: the key a request carries, hashed with the request it came with.</summary>
public static class IdempotencyKeyHeader
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>The request's key, none, or the 422 for a key that cannot be one.</summary>
    private static (IdempotencyKey? Key, JsonHttpResult<ErrorEnvelope>? Invalid) From(
        HttpContext context, int userId, string operation, object request)
    {
        var key = context.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return (null, null);
        }

        if (key.Length > MaxLength || key.Any(char.IsControl))
        {
            return (null, ApiResults.Validation(
                [new FieldError(["header", Header], $"At most {MaxLength} printable characters.", "value_error")]));
        }

        var hash = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, EventJson.Options)));
        return (new IdempotencyKey(userId, operation, key, hash), null);
    }

    /// <summary>Runs a command that honors the header with the request's key, or none; a key that cannot be one is
    /// answered with its 422 and runs nothing.</summary>
    public static async Task<Results<TDone, JsonHttpResult<ErrorEnvelope>>> RunAsync<TDone>(
        HttpContext context, int userId, string operation, object request,
        Func<IdempotencyKey?, Task<Results<TDone, JsonHttpResult<ErrorEnvelope>>>> command)
        where TDone : IResult
    {
        var (key, invalidKey) = From(context, userId, operation, request);
        return invalidKey ?? await command(key);
    }

    public static JsonHttpResult<ErrorEnvelope> Reused() =>
        ApiResults.Conflict("This Idempotency-Key was used with a different request");
}
