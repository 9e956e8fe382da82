using StackExchange.Redis;

namespace Ecommerce.Tests.Security;

/// <summary>Redis is a cache and a throttle here, never a dependency of a write. Freezing it (SIGSTOP, as a stalled
/// server or a partition looks to a client) must not fail an order or a payment. It runs alone: no other test sees the
/// freeze.</summary>
[Collection(nameof(RunsAlone))]
public sealed class RedisFreezeTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    // The part of FusionCache's key for the entry that records when the catalog was last cleared.
    private const string CatalogClearedKeyPattern = "*__fc:t:!";

    [Fact]
    public async Task Orders_payments_and_reads_succeed_while_redis_is_frozen_and_the_missed_invalidation_follows()
    {
        var product = await Api.NewProductAsync("frozen", 5m, 100);
        using var customer = await Api.CustomerAsync();
        Assert.Equal(100, await customer.StockOfAsync(product));
        await using var redis = await ConnectionMultiplexer.ConnectAsync(
            await Fixture.App.GetConnectionStringAsync("redis", Cancel) + ",abortConnect=false");
        var invalidatedBefore = await ClearedAtAsync(redis);
        var redisProcess = ProcessId("redis");

        var orders = new List<long>();
        Processes.Signal(redisProcess, "STOP");
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var order = await customer.OrderAsync(product, 1);
                Assert.Equal(HttpStatusCode.Created, order.StatusCode);
                var orderId = (await order.ReadAsync()).GetProperty("id").GetInt64();
                Assert.Equal(HttpStatusCode.Accepted, (await customer.PayAsync(orderId)).StatusCode);
                orders.Add(orderId);
            }

            Assert.Equal(97, await customer.StockOfAsync(product));
            Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/products?limit=5", Cancel)).StatusCode);
        }
        finally
        {
            Processes.Signal(redisProcess, "CONT");
        }

        foreach (var orderId in orders)
        {
            Assert.Equal("completed", (await customer.WaitForPaymentAsync(orderId)).GetProperty("status").GetString());
        }

        // What Redis missed while frozen is sent again: other replicas learn that the catalog changed.
        Assert.NotEmpty(invalidatedBefore);
        await Eventually.WaitForAsync(() => ClearedAtAsync(redis), entry => entry != invalidatedBefore,
            TimeSpan.FromSeconds(30), "the catalog's invalidation to reach Redis");
    }

    /// <summary>The stored time of the catalog's last clear, which changes with every invalidation that reaches Redis.</summary>
    private static async Task<string> ClearedAtAsync(ConnectionMultiplexer redis)
    {
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var entries = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: CatalogClearedKeyPattern))
        {
            var fields = await redis.GetDatabase().HashGetAllAsync(key);
            entries.Add(string.Join("|", fields.Select(field => $"{field.Name}={Convert.ToBase64String((byte[])field.Value!)}")));
        }

        return string.Join(";", entries);
    }

    private int ProcessId(string resource)
    {
        Assert.True(Fixture.App.ResourceNotifications.TryGetCurrentState(resource, out var state), $"{resource} is unknown");
        return Processes.IdOf(state);
    }
}
