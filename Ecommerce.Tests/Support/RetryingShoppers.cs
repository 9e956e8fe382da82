using System.Collections.Concurrent;

namespace Ecommerce.Tests.Support;

/// <summary>A request's first try: when it was sent, and whether it failed (a 5xx, no answer, or a cancel's 409 because
/// HttpClient had sent it again by itself).</summary>
public sealed record FirstTry(DateTime At, bool Failed);

/// <summary>
/// Customers who shop one order after another, as good clients do: each places an order and pays it, or every fifth
/// time cancels it, and tries a failed request again with the same idempotency key until it succeeds. Each begins an
/// order at most once per <paramref name="pace"/>, so that the load stays steady whatever the system does. A customer
/// finishes the order it has begun once told to stop, so that every order it placed is counted.
/// </summary>
public sealed class RetryingShoppers(IReadOnlyList<HttpClient> customers, IReadOnlyList<int> products, TimeSpan pace)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The orders whose payment was accepted.</summary>
    public ConcurrentQueue<long> Confirmed { get; } = new();

    public ConcurrentQueue<long> Canceled { get; } = new();

    public ConcurrentQueue<FirstTry> FirstTries { get; } = new();

    public int Placed => Confirmed.Count + Canceled.Count;

    /// <summary>Shops until <paramref name="stop"/>; <paramref name="giveUp"/> ends even a begun order.</summary>
    public Task RunAsync(CancellationToken stop, CancellationToken giveUp) =>
        Task.WhenAll(customers.Select((customer, index) => Task.Run(() => ShopAsync(customer, index, stop, giveUp), giveUp)));

    private async Task ShopAsync(HttpClient customer, int index, CancellationToken stop, CancellationToken giveUp)
    {
        var nextRound = Stopwatch.StartNew();
        for (var round = 1; !stop.IsCancellationRequested; round++)
        {
            var wait = pace * round - nextRound.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, giveUp);
            }

            var product = products[(index + round) % products.Count];
            var orderKey = Guid.NewGuid().ToString();
            var order = await RetriedAsync(() => customer.OrderAsync(product, 1, orderKey), [HttpStatusCode.Created], giveUp);
            var orderId = (await order.ReadAsync()).GetProperty("id").GetInt64();
            if (round % 5 == 0)
            {
                // A cancel has no key: when a try went through unanswered, the next one finds the order canceled. That
                // can be the first try too, because HttpClient sends a request again by itself on a new connection when
                // a pooled one closed before any answer (an API replica killed mid-request). A 409 counts only if the
                // order is canceled.
                var canceled = await RetriedAsync(() => customer.PostAsync($"/orders/{orderId}/cancel", null, giveUp),
                    [HttpStatusCode.OK, HttpStatusCode.Conflict], giveUp);
                if (canceled.StatusCode == HttpStatusCode.Conflict)
                {
                    Assert.Equal("canceled", (await customer.OrderOfAsync(orderId)).GetProperty("status").GetString());
                }

                Canceled.Enqueue(orderId);
                continue;
            }

            var paymentKey = Guid.NewGuid().ToString();
            await RetriedAsync(() => customer.PayAsync(orderId, idempotencyKey: paymentKey), [HttpStatusCode.Accepted], giveUp);
            Confirmed.Enqueue(orderId);
        }
    }

    /// <summary>The first answer with one of <paramref name="accepted"/>. A first try that is not answered with the first
    /// of them counts as failed.</summary>
    private async Task<HttpResponseMessage> RetriedAsync(
        Func<Task<HttpResponseMessage>> send, HttpStatusCode[] accepted, CancellationToken giveUp)
    {
        for (var attempt = 1; ; attempt++)
        {
            var at = DateTime.UtcNow;
            HttpResponseMessage? response = null;
            try
            {
                response = await send();
            }
            catch (HttpRequestException)
            {
                // The replica went away with the request: the client tries again with the same key.
            }

            var succeeded = response is not null && accepted.Contains(response.StatusCode);
            if (attempt == 1)
            {
                FirstTries.Enqueue(new FirstTry(at, response?.StatusCode != accepted[0]));
            }

            if (succeeded)
            {
                return response!;
            }

            if (response is not null && (int)response.StatusCode < 500)
            {
                Assert.Fail($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(giveUp)} at {at:HH:mm:ss.fff} (try {attempt}) is not a failure a retry may cure");
            }

            await Task.Delay(RetryDelay, giveUp);
        }
    }
}
