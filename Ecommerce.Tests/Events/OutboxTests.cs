using Npgsql;

namespace Ecommerce.Tests.Events;

public sealed class OutboxTests(EcommerceAppFixture fixture)
{
    private readonly ApiSession _api = new(fixture);

    [Fact]
    public async Task A_published_event_leaves_the_outbox()
    {
        using var admin = await _api.AdminAsync();
        var product = (await _api.CreateProductAsync(admin, ApiSession.UniqueName("outbox"), 3m, 10)).GetProperty("id").GetInt32();
        var (customer, _, _) = await _api.NewCustomerAsync();
        using var _ = customer;

        var orderId = await customer.PlaceOrderAsync(product, 1);
        await customer.WaitForTimelineAsync(orderId, "order.created");

        // The consumer may see the event before the relay's deletion commits, so the table is watched, not read once.
        await using var database = new NpgsqlConnection(await fixture.App.GetConnectionStringAsync("postgres", TestContext.Current.CancellationToken));
        await database.OpenAsync(TestContext.Current.CancellationToken);
        await Eventually.WaitForAsync(
            async () => await OutboxRowsOfAsync(database, orderId), rows => rows == 0, Shopping.PipelineTimeout,
            $"the outbox to let go of order {orderId}'s events");
    }

    private static async Task<long> OutboxRowsOfAsync(NpgsqlConnection database, long orderId)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM outbox_messages WHERE (payload -> 'data' ->> 'order_id')::bigint = $1", database)
        {
            Parameters = { new() { Value = orderId } },
        };
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
