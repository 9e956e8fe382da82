namespace Ecommerce.Tests.Events;

/// <summary>Stops RabbitMQ while orders and payments are being made, so it runs alone: no other test sees the outage.</summary>
[Collection(nameof(RunsAlone))]
public sealed class BrokerOutageTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Every_order_reaches_its_final_state_after_an_outage_with_each_event_applied_once()
    {
        const int orders = 8;
        var product = await Api.NewProductAsync("outage", 7m, 100);
        using var customer = await Api.CustomerAsync();
        var commands = Fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var cancel = Cancel;

        var before = await customer.PlaceOrderAsync(product, 1);
        await customer.PayAsync(before);
        var stopped = await commands.ExecuteCommandAsync("rabbitmq", "resource-stop", cancel);
        Assert.True(stopped.Success, stopped.Message);

        var during = new List<long>();
        for (var i = 0; i < orders; i++)
        {
            var orderId = await customer.PlaceOrderAsync(product, 1);
            Assert.Equal(HttpStatusCode.Accepted, (await customer.PayAsync(orderId)).StatusCode);
            during.Add(orderId);
        }

        var started = await commands.ExecuteCommandAsync("rabbitmq", "resource-start", cancel);
        Assert.True(started.Success, started.Message);
        await Fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("rabbitmq", cancel);

        foreach (var orderId in during.Prepend(before))
        {
            Assert.Equal("completed", (await customer.WaitForPaymentAsync(orderId)).GetProperty("status").GetString());
            Assert.Equal("paid", (await customer.OrderOfAsync(orderId)).GetProperty("status").GetString());
            var timeline = await customer.WaitForTimelineAsync(orderId, "order.created", "payment.requested", "payment.completed", "order.paid");
            Assert.Equal(4, timeline.Count);
        }

        Assert.Equal(100 - orders - 1, await customer.StockOfAsync(product));
    }
}
