using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Ecommerce.Tests.Support;

/// <summary>One request as a webhook receiver got it.</summary>
public sealed record ReceivedWebhook(string Body, IHeaderDictionary Headers, DateTime ReceivedAt)
{
    public JsonElement Event => JsonDocument.Parse(Body).RootElement;
}

/// <summary>An HTTP receiver on loopback that records every request and answers with what <c>answer</c> says for the
/// how-manieth delivery of its event this is (1 for the first). Other tests' events arrive too: the subscriptions of all
/// tests see every order.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, HttpStatusCode> _answer;
    private readonly Task _serving;
    private readonly ConcurrentDictionary<string, int> _deliveries = new();

    public WebhookReceiver(Func<int, HttpStatusCode>? answer = null)
    {
        _answer = answer ?? (_ => HttpStatusCode.OK);
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync();
    }

    public string Url { get; }

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The requests about <paramref name="orderId"/>, once they hold every one of <paramref name="types"/>.</summary>
    public Task<List<ReceivedWebhook>> WaitForAsync(long orderId, params string[] types) =>
        Eventually.WaitForAsync(
            () => Task.FromResult(About(orderId)),
            received => types.All(type => received.Any(r => r.Event.GetProperty("event_type").GetString() == type)),
            Shopping.PipelineTimeout, $"webhooks {string.Join(", ", types)} of order {orderId}");

    public List<ReceivedWebhook> About(long orderId) =>
        [.. Received.Where(r => r.Event.GetProperty("data").TryGetProperty("order_id", out var id) && id.GetInt64() == orderId)];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary();
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                headers[name] = context.Request.Headers[name];
            }

            Received.Enqueue(new ReceivedWebhook(body, headers, DateTime.UtcNow));
            context.Response.StatusCode = (int)_answer(_deliveries.AddOrUpdate(headers["webhook-id"].ToString(), 1, (_, count) => count + 1));
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
