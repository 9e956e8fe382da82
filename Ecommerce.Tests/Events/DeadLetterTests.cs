using RabbitMQ.Client;

namespace Ecommerce.Tests.Events;

public sealed class DeadLetterTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    private const string Queue = "order-consumer.events";

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"event_id": "0198f3a2-7c4e-7b1a-9c55-3f0e2d1c4b5a", "event_type": "order.created", "occurred_at": "2026-11-24T10:00:00Z", "data": {}}""")]
    public async Task A_poison_message_ends_in_the_dead_letter_queue_and_later_messages_still_flow(string poison)
    {
        await using var connection = await BrokerClient.ConnectAsync(Fixture);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        var deadLetters = await BrokerClient.MessageCountAsync(channel, $"{Queue}.dlq");

        var properties = new BasicProperties { MessageId = Guid.NewGuid().ToString(), ContentType = "application/json" };
        await channel.BasicPublishAsync("ecommerce.events", "order.created", false, properties, Encoding.UTF8.GetBytes(poison),
            Cancel);

        await WaitForDeadLetterAsync(channel, deadLetters, "the poison message");
        using var _ = (await OrderOnTheTimelineAsync()).Customer;
    }

    [Fact]
    public async Task A_message_the_database_rejects_is_dead_lettered_without_the_messages_written_with_it()
    {
        const int accepted = 20;
        await using var connection = await BrokerClient.ConnectAsync(Fixture);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        var (customer, orderId) = await OrderOnTheTimelineAsync();
        using var _ = customer;
        var deadLetters = await BrokerClient.MessageCountAsync(channel, $"{Queue}.dlq");

        // Published in one burst, so the consumer's concurrent handlers write them together; the rejected one's type
        // is longer than the timeline's column allows.
        var events = Enumerable.Repeat("order.noted", accepted).ToList();
        events.Insert(accepted / 2, "order." + new string('x', 60));
        foreach (var type in events)
        {
            var body = $$$"""{"event_id": "{{{Guid.NewGuid()}}}", "event_type": "{{{type}}}", "occurred_at": "{{{DateTime.UtcNow:O}}}", "data": {"order_id": {{{orderId}}}}}""";
            await channel.BasicPublishAsync("ecommerce.events", type, false, new BasicProperties { ContentType = "application/json" },
                Encoding.UTF8.GetBytes(body), Cancel);
        }

        await WaitForDeadLetterAsync(channel, deadLetters, "the rejected message");
        await Eventually.WaitForAsync(async () => (await customer.TimelineAsync(orderId)).Count(e => e.GetProperty("type").GetString() == "order.noted"),
            count => count == accepted, Shopping.PipelineTimeout, $"all {accepted} accepted events on the timeline");
    }

    [Fact]
    public Task The_requeue_command_sends_dead_letters_back_through_their_queue() =>
        RequeuedAndDeadLetteredAgainAsync(async () =>
        {
            var commands = Fixture.App.Services.GetRequiredService<ResourceCommandService>();
            var requeued = await commands.ExecuteCommandAsync("order-consumer", "requeue-dead-letters", Cancel);
            Assert.True(requeued.Success, requeued.Message);
        });

    [Fact]
    public Task The_admin_route_sends_dead_letters_back_through_their_queue() =>
        RequeuedAndDeadLetteredAgainAsync(async () =>
        {
            using var admin = await Api.AdminAsync();
            var requeued = await admin.PostAsync("/admin/dead-letters/requeue", null, Cancel);
            Assert.True((await requeued.ReadAsAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("requeued").GetInt32() >= 1);
        });

    [Fact]
    public async Task The_admin_route_is_for_admins_only()
    {
        using var customer = await Api.CustomerAsync();

        var refused = await customer.PostAsync("/admin/dead-letters/requeue", null, Cancel);

        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
    }

    /// <summary>A poison message is dead-lettered; once <paramref name="requeue"/> sends it back, it is handled again,
    /// fails again and is back in the dead-letter queue with a second death on record.</summary>
    private async Task RequeuedAndDeadLetteredAgainAsync(Func<Task> requeue)
    {
        await using var connection = await BrokerClient.ConnectAsync(Fixture);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        var poisonId = Guid.NewGuid().ToString();
        var poison = $$$"""{"event_id": "{{{Guid.NewGuid()}}}", "event_type": "order.created", "occurred_at": "2026-11-24T10:00:00Z", "data": {}}""";
        await channel.BasicPublishAsync("ecommerce.events", "order.created", false,
            new BasicProperties { MessageId = poisonId, ContentType = "application/json" }, Encoding.UTF8.GetBytes(poison),
            Cancel);
        await Eventually.WaitForAsync(() => DeadLetterIdsAsync(channel), ids => ids.Contains(poisonId),
            Shopping.PipelineTimeout, "the poison message to be dead-lettered");

        await requeue();

        var deaths = await Eventually.WaitForAsync(() => DeathsOfAsync(channel, poisonId), count => count >= 2,
            Shopping.PipelineTimeout, "the requeued message to be handled and dead-lettered again");
        Assert.True(deaths >= 2);
    }

    /// <summary>The message ids in the dead-letter queue, which stay in it.</summary>
    private static async Task<List<string>> DeadLetterIdsAsync(IChannel channel) =>
        [.. (await PeekDeadLettersAsync(channel)).Select(m => m.BasicProperties.MessageId ?? "")];

    /// <summary>How many times the message was dead-lettered from the order consumer's queue; 0 while it is not in the
    /// dead-letter queue.</summary>
    private static async Task<long> DeathsOfAsync(IChannel channel, string messageId)
    {
        var message = (await PeekDeadLettersAsync(channel)).FirstOrDefault(m => m.BasicProperties.MessageId == messageId);
        if (message?.BasicProperties.Headers?["x-death"] is not List<object> deaths)
        {
            return 0;
        }

        return deaths.OfType<Dictionary<string, object>>()
            .Where(death => Encoding.UTF8.GetString((byte[])death["queue"]) == Queue)
            .Sum(death => (long)death["count"]);
    }

    private static async Task<List<BasicGetResult>> PeekDeadLettersAsync(IChannel channel)
    {
        var taken = new List<BasicGetResult>();
        while (await channel.BasicGetAsync($"{Queue}.dlq", autoAck: false, Cancel) is { } message)
        {
            taken.Add(message);
        }

        foreach (var message in taken)
        {
            await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, Cancel);
        }

        return taken;
    }

    /// <summary>A new customer's order, once the order consumer has put its creation on the timeline.</summary>
    private async Task<(HttpClient Customer, long OrderId)> OrderOnTheTimelineAsync()
    {
        var product = await Api.NewProductAsync("dlq", 3m, 5);
        var (customer, _, _) = await Api.NewCustomerAsync();
        var orderId = await customer.PlaceOrderAsync(product, 1);
        await customer.WaitForTimelineAsync(orderId, "order.created");
        return (customer, orderId);
    }

    private static Task<uint> WaitForDeadLetterAsync(IChannel channel, uint deadLettersBefore, string what) =>
        Eventually.WaitForAsync(() => BrokerClient.MessageCountAsync(channel, $"{Queue}.dlq"), count => count > deadLettersBefore,
            Shopping.PipelineTimeout, $"{what} to be dead-lettered");
}
