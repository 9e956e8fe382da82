using System.Text.Json;
using Ecommerce.Shared;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Messaging;
using Npgsql;

namespace Ecommerce.OrderConsumer.Webhooks;

/// <summary>Wakes the dispatcher when deliveries are due.</summary>
public sealed class WebhookSignal : WakeSignal;

/// <summary>
/// Turns events into deliveries, one per active subscription whose patterns match the event type, for all of the
/// consumer's concurrent handlers together (group commit). The database matches the patterns, so a subscription is
/// served from the first event after it is created. The delivery's event id is unique per subscription, so a
/// redelivered event adds nothing.
/// </summary>
public sealed class WebhookDeliveryWriter(IServiceScopeFactory scopes, WebhookSignal signal)
    : GroupCommitWriter<IntegrationEvent, int>(scopes, "webhook_deliveries write", maxItemsPerWrite: 500)
{
    private const string InsertDeliveries = """
        INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, body, status, attempts, next_attempt_at, created_at)
        SELECT s.id, e.event_id, e.event_type, e.body, 'Pending', 0, now(), now()
        FROM unnest($1, $2, $3) AS e(event_id, event_type, body)
        JOIN webhook_subscriptions s ON s.active AND e.event_type ~ s.event_pattern
        ON CONFLICT (subscription_id, event_id) DO NOTHING
        RETURNING event_id
        """;

    /// <summary>Returns how many deliveries the event added.</summary>
    public Task<int> AddAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken) => SubmitAsync(integrationEvent, cancellationToken);

    protected override bool FailsOnlySome(Exception exception) => exception is PostgresException { IsTransient: false };

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
                    new NpgsqlParameter<Guid[]> { TypedValue = [.. events.Select(e => e.EventId)] },
                    new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.EventType)] },
                    new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => JsonSerializer.Serialize(e, EventJson.Options))] },
                },
            };
            var counts = new Dictionary<Guid, int>();
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var eventId = reader.GetGuid(0);
                counts[eventId] = counts.GetValueOrDefault(eventId) + 1;
            }

            return counts;
        }, cancellationToken);
        if (added.Count > 0)
        {
            signal.Notify();
        }

        return [.. events.Select(e => added.GetValueOrDefault(e.EventId))];
    }
}
