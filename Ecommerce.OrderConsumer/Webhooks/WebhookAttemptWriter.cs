using Microsoft.Extensions.Options;

namespace Ecommerce.OrderConsumer.Webhooks;

/// <summary>One send of a delivery: the receiver's status code, or why there was none.</summary>
public sealed record WebhookAttempt(long DeliveryId, int Attempts, int? StatusCode, string? Error, TimeSpan Elapsed)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Logs the attempts of all concurrent sends together (group commit) and moves each delivery on: delivered, retried
/// after its back-off, or failed once it is <see cref="WebhookOptions.RetryFor"/> old. Under load one statement serves
/// many sends, instead of a commit for each. An attempt is logged only while its delivery exists: a deleted
/// subscription's deliveries are gone with it, and its sends in flight record nothing.
/// </summary>
public sealed class WebhookAttemptWriter(IServiceScopeFactory scopes, IOptions<WebhookOptions> options)
    : GroupCommitWriter<WebhookAttempt, bool>(scopes, "webhook_attempts write", maxItemsPerWrite: 500)
{
    private const string Record = """
        WITH attempt AS (
            SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::boolean[], $6::interval[])
                AS a(delivery_id, status_code, error, duration_ms, delivered, retry_delay)),
        logged AS (
            INSERT INTO webhook_attempts (delivery_id, subscription_id, event_id, event_type, attempt, status_code, error, duration_ms, delivered_at)
            SELECT d.id, d.subscription_id, d.event_id, d.event_type, d.attempts + 1, a.status_code, a.error, a.duration_ms, now()
            FROM attempt a JOIN webhook_deliveries d ON d.id = a.delivery_id)
        UPDATE webhook_deliveries d SET
            attempts = d.attempts + 1,
            locked_until = NULL,
            status = CASE WHEN a.delivered THEN 'Delivered' WHEN now() >= d.created_at + $7 THEN 'Failed' ELSE 'Pending' END,
            next_attempt_at = now() + a.retry_delay
        FROM attempt a
        WHERE d.id = a.delivery_id
        """;

    public Task<bool> RecordAsync(WebhookAttempt attempt, CancellationToken cancellationToken) => SubmitAsync(attempt, cancellationToken);

    /// <summary>Every attempt is a conditional update of its own delivery; none can fail another.</summary>
    protected override bool FailsOnlySome(Exception exception) => false;

    protected override async Task<IReadOnlyList<bool>> WriteAsync(
        IServiceProvider services, IReadOnlyList<WebhookAttempt> attempts, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = services.GetRequiredService<EcommerceDbContext>();
        await db.OnConnectionAsync(async connection =>
        {
            await using var record = new NpgsqlCommand(Record, connection)
            {
                Parameters =
                {
                    attempts.Column(a => a.DeliveryId), attempts.Column(a => a.StatusCode),
                    attempts.Column(a => a.Error), attempts.Column(a => (int)a.Elapsed.TotalMilliseconds),
                    attempts.Column(a => a.Delivered), attempts.Column(a => RetryDelay(settings, a.Attempts)),
                    new NpgsqlParameter<TimeSpan> { TypedValue = settings.RetryFor },
                },
            };
            return await record.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        return [.. attempts.Select(_ => true)];
    }

    /// <summary>The wait before the next try after <paramref name="attempts"/> earlier ones: doubling from the first
    /// retry delay, at most the longest.</summary>
    private static TimeSpan RetryDelay(WebhookOptions settings, int attempts) =>
        TimeSpan.FromTicks(Math.Min(settings.MaxRetryDelay.Ticks, settings.FirstRetryDelay.Ticks * (1L << Math.Min(attempts, 20))));
}
