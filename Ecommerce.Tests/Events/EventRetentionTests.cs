using Npgsql;

namespace Ecommerce.Tests.Events;

/// <summary>What no API shows: the outbox and the consumers' records of applied events, read from the database.</summary>
public sealed class EventRetentionTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Published_events_and_the_records_of_applied_events_are_pruned_once_older_than_the_retention()
    {
        var product = await Api.NewProductAsync("retention", 4m, 10);
        using var customer = await Api.CustomerAsync();
        var orderId = await customer.PlaceOrderAsync(product, 1);
        await customer.PayAsync(orderId);
        await customer.WaitForTimelineAsync(orderId, "order.created", "payment.requested", "payment.completed", "order.paid");

        await using var database = new NpgsqlConnection(await Fixture.App.GetConnectionStringAsync("postgres", Cancel));
        await database.OpenAsync(Cancel);
        var eventIds = await ScalarsAsync<Guid>(database,
            "SELECT id FROM outbox_messages WHERE (payload -> 'data' ->> 'order_id')::bigint = $1", orderId);
        Assert.Equal(4, eventIds.Count);
        // The payment worker's record that it applied payment.requested.
        Assert.Single(await ScalarsAsync<Guid>(database, "SELECT event_id FROM processed_events WHERE event_id = ANY($1)", eventIds.ToArray()));

        await Eventually.WaitForAsync(
            async () => (await ScalarsAsync<Guid>(database, "SELECT id FROM outbox_messages WHERE id = ANY($1)", eventIds.ToArray())).Count
                + (await ScalarsAsync<Guid>(database, "SELECT event_id FROM processed_events WHERE event_id = ANY($1)", eventIds.ToArray())).Count,
            remaining => remaining == 0,
            EcommerceAppFixture.EventRecordRetention + Shopping.PipelineTimeout,
            $"the records of order {orderId}'s events to be pruned");
    }

    [Fact]
    public async Task An_idempotency_key_is_remembered_for_its_retention_and_then_forgotten()
    {
        var product = await Api.NewProductAsync("keys", 4m, 10);
        var (customer, userId, _) = await Api.NewCustomerAsync();
        using var _ = customer;
        var key = Guid.NewGuid().ToString();
        var first = await (await customer.OrderAsync(product, 1, key)).ReadAsync();
        var replay = await (await customer.OrderAsync(product, 1, key)).ReadAsync();
        Assert.Equal(first.GetProperty("id").GetInt64(), replay.GetProperty("id").GetInt64());

        await using var database = new NpgsqlConnection(await Fixture.App.GetConnectionStringAsync("postgres", Cancel));
        await database.OpenAsync(Cancel);
        await Eventually.WaitForAsync(
            async () => (await ScalarsAsync<long>(database, $"SELECT id FROM idempotency_records WHERE user_id = {userId} AND key = $1", key)).Count,
            remaining => remaining == 0,
            EcommerceAppFixture.IdempotencyRetention + Shopping.PipelineTimeout,
            "the order's idempotency record to be pruned");

        var afterRetention = await customer.OrderAsync(product, 1, key);
        Assert.Equal(HttpStatusCode.Created, afterRetention.StatusCode);
        Assert.NotEqual(first.GetProperty("id").GetInt64(), (await afterRetention.ReadAsync()).GetProperty("id").GetInt64());
    }

    private static async Task<List<T>> ScalarsAsync<T>(NpgsqlConnection database, string sql, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, database) { Parameters = { new() { Value = parameter } } };
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var values = new List<T>();
        while (await reader.ReadAsync(Cancel))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
