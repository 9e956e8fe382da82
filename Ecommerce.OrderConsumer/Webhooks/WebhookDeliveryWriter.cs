using System.Text.Json;
using Ecommerce.Shared;
using Microsoft.Extensions.Options;

namespace Ecommerce.OrderConsumer.Webhooks;

/// <summary>
/// Turns events into deliveries, one per active subscription whose patterns match the event type, for all of the
/// consumer's concurrent handlers together (group commit). The database matches the patterns, so a subscription is
/// served from the first event after it is created. The delivery's event id is unique per subscription, so a
/// redelivered event adds nothing. New deliveries are saved leased to this process and handed to its dispatcher.
/// </summary>
public sealed class WebhookDeliveryWriter(IServiceScopeFactory scopes, NewWebhookDeliveries handoff, IOptions<WebhookOptions> options)
    : GroupCommitWriter<IntegrationEvent, int>(scopes, "webhook_deliveries write", maxItemsPerWrite: 500)
{
    private const string InsertDeliveries = $"""
        WITH d AS (
            INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, body, status, attempts, next_attempt_at, locked_until, created_at)
            SELECT s.id, e.event_id, e.event_type, e.body, 'Pending', 0, now(), now() + $4, now()
            FROM unnest($1, $2, $3) AS e(event_id, event_type, body)
            JOIN webhook_subscriptions s ON s.active AND e.event_type ~ s.event_pattern
            ON CONFLICT (subscription_id, event_id) DO NOTHING
            RETURNING *)
        SELECT {WebhookDue.Columns} FROM d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        """;

    /// <summary>Returns how many deliveries the event added.</summary>
    public Task<int> AddAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) => SubmitAsync(integrationEvent, cancellationToken);

    protected override async Task<IReadOnlyList<int>> WriteAsync(
        IServiceProvider services, IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EcommerceDbContext>();
        var added = await db.OnConnectionAsync(async connection =>
        {
            await using var insert = new NpgsqlCommand(InsertDeliveries, connection)
            {
                Parameters =
                {
                    events.Column(e => e.EventId), events.Column(e => e.EventType),
                    events.Column(e => JsonSerializer.Serialize(e, EventJson.Options)),
                    new NpgsqlParameter<TimeSpan> { TypedValue = options.Value.Lease },
                },
            };
            return await WebhookDue.ReadAsync(insert, cancellationToken);
        }, cancellationToken);
        handoff.Add(added);
        var counts = added.CountBy(d => d.EventId).ToDictionary();
        return [.. events.Select(e => counts.GetValueOrDefault(e.EventId))];
    }
}
