using Ecommerce.Shared.Payments;
using Npgsql;

namespace Ecommerce.Api.Payments;

/// <summary>A customer's request to pay one of their orders.</summary>
public sealed record PaymentAdmission(
    int UserId, long OrderId, PaymentMethod Method, string? PaymentToken, IdempotencyKey? IdempotencyKey, string? TraceParent);

/// <summary>
/// Admits the payments that arrive together in one transaction of two round trips (group commit). One statement
/// moves each order that is its customer's, pending and not being paid to <c>processing</c> and records its payment at
/// the order's total; the second saves their <c>payment.requested</c> events and idempotency records and commits. An
/// order's conditional update admits one payment at a time, even for two requests in the same write.
/// </summary>
public sealed class PaymentAdmissionWriter(IServiceScopeFactory scopes, TimeProvider clock)
    : GroupCommitWriter<PaymentAdmission, Payment?>(scopes, "payment admission write", maxItemsPerWrite: 200)
{
    private const string Admit = """
        WITH request AS (
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::text[])
                AS r(payment_id, transaction_id, order_id, user_id, method, token)),
        admitted AS (
            UPDATE orders o SET payment_status = 'Processing', payment_method = r.method, updated_at = $7
            FROM request r
            WHERE o.id = r.order_id AND o.user_id = r.user_id AND o.status = 'Pending' AND o.payment_status IN ('Pending', 'Failed')
            RETURNING r.payment_id, r.transaction_id, o.id AS order_id, o.total_amount, r.method, r.token)
        INSERT INTO payments (id, order_id, transaction_id, amount, method, payment_token, status, created_at, updated_at)
        SELECT payment_id, order_id, transaction_id, total_amount, method, token, 'Processing', $7, $7 FROM admitted
        RETURNING id, amount
        """;

    private readonly HiLoIds _paymentIds = new("payments_hilo");

    /// <summary>The admitted payment; null when the order is not the user's or not awaiting payment.</summary>
    public Task<Payment?> AdmitAsync(PaymentAdmission admission, CancellationToken cancellationToken) => SubmitAsync(admission, cancellationToken);

    protected override async Task<IReadOnlyList<Payment?>> WriteAsync(
        IServiceProvider services, IReadOnlyList<PaymentAdmission> admissions, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<EcommerceDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(token => db.OnConnectionAsync(async connection =>
        {
            var now = clock.UtcNowForDatabase();
            var payments = new List<Payment>(admissions.Count);
            foreach (var admission in admissions)
            {
                var id = await _paymentIds.NextAsync(db, token);
                payments.Add(new Payment
                {
                    Id = id,
                    OrderId = admission.OrderId,
                    TransactionId = Payment.TransactionIdFor(id),
                    Method = admission.Method,
                    PaymentToken = admission.PaymentToken,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }

            var amounts = await BeginAndAdmitAsync(connection, admissions, payments, now, token);
            var admitted = payments.Select(p => amounts.TryGetValue(p.Id, out var amount) ? Priced(p, amount) : null).ToList();
            var events = new List<OutboxMessage>(admitted.Count);
            var records = new List<IdempotencyRecord>();
            foreach (var (admission, payment) in admissions.Zip(admitted))
            {
                if (payment is null)
                {
                    continue;
                }

                events.Add(Outbox.Message(EventTypes.PaymentRequested, payment.ToEventData(), now, admission.TraceParent));
                if (admission.IdempotencyKey is { } key)
                {
                    records.Add(key.RecordOf(payment.Id, now));
                }
            }

            await connection.CommitWithAsync([
                .. events.Count > 0 ? [OutboxRows.InsertStatement(events)] : Array.Empty<NpgsqlBatchCommand>(),
                .. records.Count > 0 ? [IdempotencyRows.InsertStatement(records)] : Array.Empty<NpgsqlBatchCommand>(),
            ]);
            return (IReadOnlyList<Payment?>)admitted;
        }, token), cancellationToken);
    }

    private static Payment Priced(Payment payment, decimal amount)
    {
        payment.Amount = amount;
        return payment;
    }

    /// <summary>Begins the write's transaction and admits what can be paid; returns each admitted payment's amount by
    /// payment id.</summary>
    private static async Task<Dictionary<long, decimal>> BeginAndAdmitAsync(
        NpgsqlConnection connection, IReadOnlyList<PaymentAdmission> admissions, IReadOnlyList<Payment> payments, DateTime now,
        CancellationToken cancellationToken)
    {
        await using var batch = connection.BeginWith(new NpgsqlBatchCommand(Admit)
        {
            Parameters =
            {
                payments.Column(p => p.Id), payments.Column(p => p.TransactionId), admissions.Column(a => a.OrderId),
                admissions.Column(a => a.UserId), admissions.Column(a => a.Method.ToString()),
                admissions.Column(a => a.PaymentToken),
                new NpgsqlParameter<DateTime> { TypedValue = now },
            },
        });
        var amounts = new Dictionary<long, decimal>(admissions.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            amounts[reader.GetInt64(0)] = reader.GetDecimal(1);
        }

        return amounts;
    }
}
