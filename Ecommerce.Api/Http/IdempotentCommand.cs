namespace Ecommerce.Api.Http;

/// <summary>
/// The flow of every command that honours an <c>Idempotency-Key</c>: a key already recorded replays the first answer
/// (or is 409 when it came with another request); otherwise the command runs and records the key in its own
/// transaction, and a concurrent twin whose insert then loses the unique index answers with the winner's result.
/// </summary>
/// <param name="replay">The first answer again, from the id of what the first request created.</param>
public sealed class IdempotentCommand<TSuccess>(
    EcommerceDbContext db, IdempotencyKey? key, Func<long, CancellationToken, Task<TSuccess>> replay)
    where TSuccess : IResult
{
    public async Task<Results<TSuccess, JsonHttpResult<ErrorEnvelope>>> RunAsync(
        Func<CancellationToken, Task<Results<TSuccess, JsonHttpResult<ErrorEnvelope>>>> execute, CancellationToken cancellationToken)
    {
        if (await EarlierAnswerAsync(cancellationToken) is { } earlier)
        {
            return earlier;
        }

        try
        {
            return await execute(cancellationToken);
        }
        catch (Exception exception) when (key is not null && exception.IsUniqueViolation())
        {
            return await AnswerAsync(key, await key.WinnerAsync(db, exception, cancellationToken), cancellationToken);
        }
    }

    /// <summary>The answer of an earlier request with this key, if one is recorded; null when none is (or there is no
    /// key). A command whose effect a twin may already have made asks again with this.</summary>
    public async Task<Results<TSuccess, JsonHttpResult<ErrorEnvelope>>?> EarlierAnswerAsync(CancellationToken cancellationToken) =>
        key is not null && await key.FindAsync(db, cancellationToken) is { } earlier
            ? await AnswerAsync(key, earlier, cancellationToken)
            : null;

    private async Task<Results<TSuccess, JsonHttpResult<ErrorEnvelope>>> AnswerAsync(
        IdempotencyKey idempotencyKey, IdempotencyRecord earlier, CancellationToken cancellationToken) =>
        idempotencyKey.Matches(earlier) ? await replay(earlier.ResourceId, cancellationToken) : IdempotencyKeyHeader.Reused();
}
