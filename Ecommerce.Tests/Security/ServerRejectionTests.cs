using System.Net.Sockets;

namespace Ecommerce.Tests.Security;

/// <summary>Requests that Kestrel refuses before any middleware runs still get the envelope. They are sent over a raw
/// socket because HttpClient refuses to send most of them.</summary>
public sealed class ServerRejectionTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    public static TheoryData<string, int, string> Rejected => new()
    {
        { "GET /products/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "ERR_400" },
        { "GET /products/\0 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "ERR_400" },
        { $"GET /products?q={new string('a', 20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n", 414, "ERR_414" },
        { $"GET /products HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('a', 40_000)}\r\n\r\n", 431, "ERR_431" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task A_request_the_server_refuses_to_parse_is_answered_in_the_envelope(string request, int status, string code)
    {
        var endpoint = Fixture.App.GetEndpoint("api", "http");
        using var socket = new TcpClient();
        await socket.ConnectAsync(endpoint.Host, endpoint.Port, Cancel);
        var stream = socket.GetStream();

        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), Cancel);
        var answer = await ReadToCloseAsync(stream);

        var headersEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headersEnd > 0, $"no complete answer: {answer}");
        var head = answer[..headersEnd];
        Assert.StartsWith($"HTTP/1.1 {status} ", head);
        Assert.Contains("Content-Type: application/json", head);
        var body = JsonDocument.Parse(answer[(headersEnd + 4)..]).RootElement;
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<string> ReadToCloseAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.Latin1.GetString(answer.ToArray());
    }
}
