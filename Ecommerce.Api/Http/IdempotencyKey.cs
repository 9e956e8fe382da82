using System.Security.Cryptography;
using System.Text.Json;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Api.Http;

/// <summary>
/// An <c>Idempotency-Key</c> header with a hash of the request it came with. The record is saved in the same
/// transaction as the effect, under a unique (user, operation, key) index: a concurrent twin waits for the first and
/// then fails its insert, which rolls back everything the twin did.
/// </summary>
public sealed record IdempotencyKey(int UserId, string Operation, string Key, string RequestHash)
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>The request's key, none, or the 422 for a key that cannot be one.</summary>
    public static (IdempotencyKey? Key, JsonHttpResult<ErrorEnvelope>? Invalid) From(
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

    public Task<IdempotencyRecord?> FindAsync(EcommerceDbContext db, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserId == UserId && r.Operation == Operation && r.Key == Key, cancellationToken);

    /// <summary>The record of the twin whose insert won the unique index, after this request's insert lost.</summary>
    public async Task<IdempotencyRecord> WinnerAsync(EcommerceDbContext db, Exception lost, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await FindAsync(db, cancellationToken)
            ?? throw new InvalidOperationException("An idempotency conflict without a record.", lost);
    }

    public bool Matches(IdempotencyRecord record) => record.RequestHash == RequestHash;

    public void Record(EcommerceDbContext db, long resourceId, DateTime now) => db.IdempotencyRecords.Add(RecordOf(resourceId, now));

    /// <summary>The record that this key's request created <paramref name="resourceId"/>.</summary>
    public IdempotencyRecord RecordOf(long resourceId, DateTime now) => new()
    {
        UserId = UserId,
        Operation = Operation,
        Key = Key,
        RequestHash = RequestHash,
        ResourceId = resourceId,
        CreatedAt = now,
    };

    public static JsonHttpResult<ErrorEnvelope> Reused() =>
        ApiResults.Conflict("This Idempotency-Key was used with a different request");
}
