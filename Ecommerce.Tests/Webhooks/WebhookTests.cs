using StandardWebhooks;

namespace Ecommerce.Tests.Webhooks;

public sealed class WebhookTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task A_subscription_shows_its_secret_once_and_only_admins_manage_subscriptions()
    {
        using var admin = await Api.AdminAsync();
        using var customer = await Api.CustomerAsync();

        var created = await admin.PostAsync("/webhooks", ApiJson.Body(new { url = "https://hooks.example.com/shop", events = new[] { "order.*" }, description = "warehouse" }), Cancel);

        var subscription = await created.ReadAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = subscription.GetProperty("id").GetInt64();
        Assert.Equal($"/webhooks/{id}", created.Headers.Location?.OriginalString);
        var secret = subscription.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.InRange(Convert.FromBase64String(secret["whsec_".Length..]).Length, 24, 64);
        Assert.True(subscription.GetProperty("active").GetBoolean());
        var read = await (await admin.GetAsync($"/webhooks/{id}", Cancel)).ReadAsync();
        Assert.False(read.TryGetProperty("secret", out var _));
        Assert.Equal("warehouse", read.GetProperty("description").GetString());
        var list = await admin.GetAsync("/webhooks?limit=1000", Cancel);
        var listed = await list.Content.ReadAsStringAsync(Cancel);
        Assert.True(int.Parse(list.Headers.GetValues("X-Total-Count").Single()) >= 1);
        Assert.DoesNotContain(secret, listed);
        Assert.Contains($"\"id\":{id}", listed);
        await (await customer.GetAsync("/webhooks", Cancel)).AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await (await customer.PostAsync("/webhooks", ApiJson.Body(new { url = "https://x.example.com", events = new[] { "#" } }), Cancel))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        await (await admin.GetAsync("/webhooks/987654321", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
    }

    [Fact]
    public async Task A_receiver_gets_every_subscribed_event_signed_so_that_the_library_verifies_it()
    {
        await using var receiver = new WebhookReceiver();
        using var admin = await Api.AdminAsync();
        var (_, secret) = await SubscribeAsync(admin, receiver, "order.*", "payment.completed");

        var (customer, orderId) = await PaidOrderAsync(admin);
        using var _ = customer;

        var received = await receiver.WaitForAsync(orderId, "order.created", "payment.completed", "order.paid");
        Assert.DoesNotContain(received, r => r.Event.GetProperty("event_type").GetString() == "payment.requested");
        var verifier = new StandardWebhook(secret);
        Assert.All(received, webhook =>
        {
            verifier.Verify(webhook.Body, webhook.Headers);
            Assert.Equal(webhook.Event.GetProperty("event_id").GetString(), webhook.Headers["webhook-id"].ToString());
            Assert.True(webhook.Event.TryGetProperty("occurred_at", out var _));
        });
        var forged = received[0].Headers.ToDictionary(h => h.Key, h => h.Value);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(
            () => verifier.Verify(received[0].Body.Replace("order", "ordeR"), new Microsoft.AspNetCore.Http.HeaderDictionary(forged)));
    }

    [Fact]
    public async Task A_delivery_answered_with_500_is_sent_again_and_both_attempts_are_in_the_log()
    {
        await using var receiver = new WebhookReceiver(delivery => delivery == 1 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
        using var admin = await Api.AdminAsync();
        var (subscriptionId, _) = await SubscribeAsync(admin, receiver, "order.created");

        var (customer, orderId) = await PendingOrderAsync(admin);
        using var _ = customer;

        var received = await Eventually.WaitForAsync(() => Task.FromResult(receiver.About(orderId)), r => r.Count >= 2,
            Shopping.PipelineTimeout, "the delivery to be sent again");
        Assert.Equal(received[0].Headers["webhook-id"].ToString(), received[1].Headers["webhook-id"].ToString());
        var eventId = received[0].Headers["webhook-id"].ToString();
        var log = await Eventually.WaitForAsync(
            async () => (await (await admin.GetAsync($"/webhooks/{subscriptionId}/deliveries?limit=1000", Cancel)).ReadAsync())
                .EnumerateArray().Where(e => e.GetProperty("event_id").GetString() == eventId).ToList(),
            entries => entries.Count >= 2, Shopping.PipelineTimeout, "both attempts in the log");
        Assert.Equal([(2, 200), (1, 500)], log.Take(2)
            .Select(e => (e.GetProperty("attempt").GetInt32(), e.GetProperty("status_code").GetInt32())));
        Assert.All(log, e => Assert.Equal("order.created", e.GetProperty("event_type").GetString()));
    }

    [Fact]
    public async Task Deleting_a_subscription_stops_its_deliveries_and_retries()
    {
        await using var receiver = new WebhookReceiver(_ => HttpStatusCode.ServiceUnavailable);
        using var admin = await Api.AdminAsync();
        var (subscriptionId, _) = await SubscribeAsync(admin, receiver, "order.created");
        var (customer, orderId) = await PendingOrderAsync(admin);
        using var _ = customer;
        // Retries come one, two, then four seconds apart: after the third attempt the next one is four seconds away.
        await Eventually.WaitForAsync(() => Task.FromResult(receiver.About(orderId)), r => r.Count >= 3,
            Shopping.PipelineTimeout, "the receiver to be retried twice");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/webhooks/{subscriptionId}", Cancel)).StatusCode);
        var deletedAt = DateTime.UtcNow;
        var (other, otherOrder) = await PendingOrderAsync(admin);
        using var __ = other;
        await other.WaitForTimelineAsync(otherOrder, "order.created");
        // Nothing can be awaited to show that something does not happen: this waits past the retry that was due.
        await Task.Delay(TimeSpan.FromSeconds(6), Cancel);

        Assert.DoesNotContain(receiver.About(orderId), r => r.ReceivedAt > deletedAt.AddSeconds(1));
        Assert.Empty(receiver.About(otherOrder));
        await (await admin.GetAsync($"/webhooks/{subscriptionId}/deliveries", Cancel)).AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
    }

    private static async Task<(long Id, string Secret)> SubscribeAsync(HttpClient admin, WebhookReceiver receiver, params string[] events)
    {
        var created = await admin.PostAsync("/webhooks", ApiJson.Body(new { url = receiver.Url, events }), Cancel);
        var subscription = await created.ReadAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (subscription.GetProperty("id").GetInt64(), subscription.GetProperty("secret").GetString()!);
    }

    private async Task<(HttpClient Customer, long OrderId)> PendingOrderAsync(HttpClient admin)
    {
        var product = await Api.CreateProductAsync(admin, ApiSession.UniqueName("hook"), 5m);
        var (customer, _, _) = await Api.NewCustomerAsync();
        return (customer, await customer.PlaceOrderAsync(product.Id, 1));
    }

    private async Task<(HttpClient Customer, long OrderId)> PaidOrderAsync(HttpClient admin)
    {
        var (customer, orderId) = await PendingOrderAsync(admin);
        Assert.Equal(HttpStatusCode.Accepted, (await customer.PayAsync(orderId)).StatusCode);
        return (customer, orderId);
    }
}
