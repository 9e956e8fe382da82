using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ecommerce.PaymentWorker;

/// <summary>A gateway's answer about a payment that was processing, to be settled once for the event that asked.</summary>
public sealed record PaymentSettlement(Guid RequestedEventId, Payment Payment, GatewayAnswer Answer, string? TraceParent);

/// <summary>
/// Settles the payments whose answers arrive together in one transaction of two round trips (group commit): one
/// statement records the requests as applied, settles the payments that are still processing and the orders that
/// wait on them; the second saves their events and commits. A request applied before (a redelivery) and a payment that
/// is no longer processing settle nothing, so no payment or order is settled twice.
/// </summary>
public sealed class PaymentSettlementWriter(IServiceScopeFactory scopes, TimeProvider clock)
    : GroupCommitWriter<PaymentSettlement, bool>(scopes, "payment settlement write", maxItemsPerWrite: 500)
{
    private const string Consumer = "payment-worker";

    private const string Settle = """
        WITH answer AS (
            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::boolean[], $4::text[]) AS a(event_id, payment_id, approved, message)),
        applied AS (
            INSERT INTO processed_events (consumer, event_id, processed_at)
            SELECT $5, event_id, $6 FROM answer
            ON CONFLICT DO NOTHING
            RETURNING event_id),
        settled AS (
            UPDATE payments p
            SET status = CASE WHEN a.approved THEN 'Completed' ELSE 'Failed' END, message = a.message, updated_at = $6
            FROM answer a JOIN applied USING (event_id)
            WHERE p.id = a.payment_id AND p.status = 'Processing'
            RETURNING p.id, p.order_id, a.approved),
        settled_orders AS (
            UPDATE orders o
            SET payment_status = CASE WHEN s.approved THEN 'Completed' ELSE 'Failed' END,
                status = CASE WHEN s.approved THEN 'Paid' ELSE o.status END,
                paid_at = CASE WHEN s.approved THEN $6 ELSE o.paid_at END,
                updated_at = $6
            FROM settled s
            WHERE o.id = s.order_id AND o.payment_status = 'Processing' AND (o.status = 'Pending' OR NOT s.approved)
            RETURNING o.id, o.order_number, o.user_id, o.total_amount, o.status)
        SELECT s.id, s.order_id, o.order_number, o.user_id, o.total_amount, o.status
        FROM settled s LEFT JOIN settled_orders o ON o.id = s.order_id
        """;

    /// <summary>Returns true when this call settled the payment, false when it had been settled already.</summary>
    public Task<bool> SettleAsync(PaymentSettlement settlement, CancellationToken cancellationToken) => SubmitAsync(settlement, cancellationToken);

    /// <summary>Every settlement of a write is a conditional update of its own rows; none can fail another.</summary>
    protected override bool FailsOnlySome(Exception exception) => false;

    protected override async Task<IReadOnlyList<bool>> WriteAsync(
        IServiceProvider services, IReadOnlyList<PaymentSettlement> settlements, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EcommerceDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(token => db.OnConnectionAsync(async connection =>
        {
            var now = clock.UtcNowForDatabase();
            var settledOrders = await BeginAndSettleAsync(connection, settlements, now, token);
            var events = new List<OutboxMessage>(settledOrders.Count * 2);
            foreach (var settlement in settlements)
            {
                if (settledOrders.TryGetValue(settlement.Payment.Id, out var order))
                {
                    events.AddRange(Events(settlement, order, now));
                }
            }

            await connection.CommitWithAsync(events.Count > 0 ? [OutboxRows.InsertStatement(events)] : []);
            return (IReadOnlyList<bool>)settlements.Select(s => settledOrders.ContainsKey(s.Payment.Id)).ToList();
        }, token), cancellationToken);
    }

    /// <summary>Begins the write's transaction and settles what is still processing; returns the settled payments'
    /// orders by payment id (null for an order that was not waiting on its payment).</summary>
    private static async Task<Dictionary<long, Order?>> BeginAndSettleAsync(
        NpgsqlConnection connection, IReadOnlyList<PaymentSettlement> settlements, DateTime now, CancellationToken cancellationToken)
    {
        await using var batch = connection.BeginWith(new NpgsqlBatchCommand(Settle)
        {
            Parameters =
            {
                settlements.Column(s => s.RequestedEventId), settlements.Column(s => s.Payment.Id),
                settlements.Column(s => s.Answer.Approved), settlements.Column(s => s.Answer.Message),
                new NpgsqlParameter<string> { TypedValue = Consumer },
                new NpgsqlParameter<DateTime> { TypedValue = now },
            },
        });
        var settled = new Dictionary<long, Order?>(settlements.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settled[reader.GetInt64(0)] = reader.IsDBNull(2) ? null : new Order
            {
                Id = reader.GetInt64(1),
                OrderNumber = reader.GetString(2),
                UserId = reader.GetInt32(3),
                TotalAmount = reader.GetDecimal(4),
                Status = Enum.Parse<OrderStatus>(reader.GetString(5)),
            };
        }

        return settled;
    }

    private static IEnumerable<OutboxMessage> Events(PaymentSettlement settlement, Order? order, DateTime now)
    {
        var payment = settlement.Payment;
        payment.Status = settlement.Answer.Approved ? PaymentStatus.Completed : PaymentStatus.Failed;
        if (!settlement.Answer.Approved)
        {
            yield return Outbox.Message(EventTypes.PaymentFailed, payment.ToEventData(settlement.Answer.Message), now, settlement.TraceParent);
            yield break;
        }

        yield return Outbox.Message(EventTypes.PaymentCompleted, payment.ToEventData(), now, settlement.TraceParent);
        if (order is not null)
        {
            yield return Outbox.Message(EventTypes.OrderPaid, order.ToEventData(), now, settlement.TraceParent);
        }
    }
}
