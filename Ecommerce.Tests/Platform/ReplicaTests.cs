using Ecommerce.Shared.Messaging;
using Ecommerce.Tests.Cart;
using Ecommerce.Tests.Events;

namespace Ecommerce.Tests.Platform;

/// <summary>Two replicas of each service: what one API replica changes, the other shows on its next read, an outage of
/// the database loses and dead-letters nothing, and a replica told to stop exits in time. The tests of this class run one after another.</summary>
[Collection(nameof(Replicated))]
public sealed class ReplicaTests(ReplicatedSystem system)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_product_changed_through_one_api_replica_is_seen_by_the_next_read_through_the_other()
    {
        var (first, second) = await ApiReplicasAsync();
        using var admin = await first.AdminAsync();
        var product = await first.CreateProductAsync(admin, ApiSession.UniqueName("replicated"), 10m, 5);
        using var reader = second.Anonymous();
        using var firstReader = first.Anonymous();
        // Both replicas now hold the product in memory.
        Assert.Equal(10m, (await ProductAsync(reader, product.Id)).Price);
        Assert.Equal(10m, (await ProductAsync(firstReader, product.Id)).Price);

        var replaced = await admin.PutAsync($"/products/{product.Id}",
            ApiJson.Body(new { name = product.Name, price = 12.5m, stock = 5 }), Cancel);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        Assert.Equal(12.5m, (await ProductAsync(reader, product.Id)).Price);

        using var secondAdmin = await second.AdminAsync();
        var again = await secondAdmin.PutAsync($"/products/{product.Id}",
            ApiJson.Body(new { name = product.Name, price = 14m, stock = 5 }), Cancel);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        Assert.Equal(14m, (await ProductAsync(firstReader, product.Id)).Price);
    }

    [Fact]
    public async Task The_stock_a_cancel_releases_through_one_api_replica_is_seen_at_once_through_both()
    {
        using var shopper = await OneCustomerOnBothReplicasAsync("released", 4m, 5);
        var (first, second, product, customer, sameCustomerElsewhere) = shopper;
        using var firstReader = first.Anonymous();
        using var secondReader = second.Anonymous();
        Assert.Equal(5, await secondReader.StockOfAsync(product));

        var orderId = await customer.PlaceOrderAsync(product, 2);
        Assert.Equal((3, 3), (await firstReader.StockOfAsync(product), await secondReader.StockOfAsync(product)));

        var canceled = await sameCustomerElsewhere.PostAsync($"/orders/{orderId}/cancel", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);

        Assert.Equal((5, 5), (await firstReader.StockOfAsync(product), await secondReader.StockOfAsync(product)));
    }

    [Fact]
    public async Task A_cart_changed_through_one_api_replica_is_the_cart_the_next_read_through_the_other_shows()
    {
        using var shopper = await OneCustomerOnBothReplicasAsync("carted", 3m, 10);
        var (_, _, product, customer, sameCustomerElsewhere) = shopper;
        // Both replicas now hold the empty cart in memory.
        Assert.Empty((await CartTests.ReadCartAsync(customer)).Items);
        Assert.Empty((await CartTests.ReadCartAsync(sameCustomerElsewhere)).Items);

        await CartTests.SetAsync(customer, product, 2);
        Assert.Equal(2, (await CartTests.ReadCartAsync(sameCustomerElsewhere)).ItemCount);
        Assert.Equal(2, (await CartTests.ReadCartAsync(customer)).ItemCount);

        await CartTests.SetAsync(sameCustomerElsewhere, product, 5);
        Assert.Equal(5, (await CartTests.ReadCartAsync(customer)).ItemCount);

        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync("/cart", Cancel)).StatusCode);
        Assert.Empty((await CartTests.ReadCartAsync(sameCustomerElsewhere)).Items);
    }

    [Fact]
    public async Task Payments_in_flight_while_the_database_is_down_for_15_seconds_all_end_paid_and_none_is_dead_lettered()
    {
        const int orders = 6;
        var api = new ApiSession(system);
        using var admin = await api.AdminAsync();
        var product = (await api.CreateProductAsync(admin, ApiSession.UniqueName("outage"), 6m, 50)).Id;
        using var customer = await api.CustomerAsync();
        await using var broker = await BrokerClient.ConnectAsync(system);
        await using var channel = await broker.CreateChannelAsync(cancellationToken: Cancel);
        var deadLetteredBefore = await BrokerClient.DeadLettersAsync(channel);
        var paying = new List<long>();
        for (var i = 0; i < orders; i++)
        {
            var orderId = await customer.PlaceOrderAsync(product, 1);
            Assert.Equal(HttpStatusCode.Accepted, (await customer.PayAsync(orderId)).StatusCode);
            paying.Add(orderId);
        }

        // The gateway answers after a second: the workers still hold these payments when the database goes.
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync("postgres", "resource-stop", Cancel);
        Assert.True(stopped.Success, stopped.Message);
        await Task.Delay(TimeSpan.FromSeconds(15), Cancel);
        var started = await commands.ExecuteCommandAsync("postgres", "resource-start", Cancel);
        Assert.True(started.Success, started.Message);
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync("postgres", Cancel);

        foreach (var orderId in paying)
        {
            Assert.Equal("completed", (await customer.WaitForPaymentAsync(orderId)).GetProperty("status").GetString());
            Assert.Equal("paid", (await customer.OrderOfAsync(orderId)).GetProperty("status").GetString());
            var timeline = await customer.WaitForTimelineAsync(orderId, "order.created", "payment.requested", "payment.completed", "order.paid");
            Assert.Equal(4, timeline.Count);
        }

        Assert.Equal(50 - orders, await customer.StockOfAsync(product));
        Assert.Equal(deadLetteredBefore, await BrokerClient.DeadLettersAsync(channel));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("order-consumer")]
    [InlineData("payment-worker")]
    public async Task A_replica_told_to_stop_under_load_exits_within_10_seconds_and_every_confirmed_order_ends_paid(string service)
    {
        var api = new ApiSession(system);
        using var admin = await api.AdminAsync();
        var product = (await api.CreateProductAsync(admin, ApiSession.UniqueName("sigterm"), 2m, 10_000)).Id;
        using var customer = await api.CustomerAsync();
        var replica = (await system.ReplicasAsync(service, Cancel))[^1];
        using var process = Processes.ServiceOf(replica);

        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var shoppers = new RetryingShoppers([customer], [product], TimeSpan.FromMilliseconds(100));
        var confirmed = shoppers.Confirmed;
        var load = shoppers.RunAsync(stopLoad.Token, Cancel);
        await Eventually.WaitForAsync(() => Task.FromResult(confirmed.Count), count => count >= 5,
            Shopping.PipelineTimeout, "orders to flow before the stop");

        var confirmedBeforeStop = confirmed.Count;
        var signaled = Stopwatch.StartNew();
        Processes.Signal(process.Id, "TERM");
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel))
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(deadline.Token);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{service} exited {signaled.Elapsed.TotalSeconds:F1} s after SIGTERM");

        await Eventually.WaitForAsync(() => Task.FromResult(confirmed.Count), count => count >= confirmedBeforeStop + 5,
            Shopping.PipelineTimeout, "orders to flow after the stop");
        await stopLoad.CancelAsync();
        await load;
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var restarted = await commands.ExecuteCommandAsync(replica.ResourceId, "resource-start", Cancel);
        Assert.True(restarted.Success, restarted.Message);
        await system.ReplicasAsync(service, Cancel);

        foreach (var orderId in confirmed)
        {
            Assert.Equal("completed", (await customer.WaitForPaymentAsync(orderId)).GetProperty("status").GetString());
        }
    }

    /// <summary>A product, and a customer signed in through each API replica.</summary>
    private async Task<ShopperOnBoth> OneCustomerOnBothReplicasAsync(string productName, decimal price, int stock)
    {
        var (first, second) = await ApiReplicasAsync();
        using var admin = await first.AdminAsync();
        var product = (await first.CreateProductAsync(admin, ApiSession.UniqueName(productName), price, stock)).Id;
        var (customer, _, credentials) = await first.NewCustomerAsync();
        return new ShopperOnBoth(first, second, product, customer, await second.SignedInAsync(credentials));
    }

    private sealed record ShopperOnBoth(ApiSession First, ApiSession Second, int Product, HttpClient Customer, HttpClient CustomerElsewhere)
        : IDisposable
    {
        public void Dispose()
        {
            Customer.Dispose();
            CustomerElsewhere.Dispose();
        }
    }

    /// <summary>A session through each API replica's own address, once both answer there: a replica restarted by an
    /// earlier test may still be reported healthy from before, or not listen yet.</summary>
    private async Task<(ApiSession First, ApiSession Second)> ApiReplicasAsync()
    {
        var addresses = await Eventually.WaitForAsync(async () =>
            {
                var replicas = (await system.ReplicasAsync("api", Cancel)).Select(ReplicatedSystem.AddressOf).ToList();
                return (await Task.WhenAll(replicas.Select(AnswersAsync))).All(answers => answers) ? replicas : [];
            },
            replicas => replicas.Count == ReplicatedSystem.Replicas, Shopping.PipelineTimeout, "both API replicas to answer on their own addresses");
        return (new ApiSession(system, addresses[0]), new ApiSession(system, addresses[1]));
    }

    private static async Task<bool> AnswersAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        try
        {
            return (await client.GetAsync("/health", Cancel)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<ProductDto> ProductAsync(HttpClient client, int productId) =>
        await (await client.GetAsync($"/products/{productId}", Cancel)).ReadAsAsync<ProductDto>(HttpStatusCode.OK);
}
