namespace Ecommerce.Tests.Http;

/// <summary>A client's mistake is answered with a 4xx and is not an error of the service: the log keeps Error for what
/// needs a person.</summary>
public sealed class ErrorLoggingTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task A_malformed_body_is_logged_as_information_without_an_error()
    {
        var api = Fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "api");
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        watching.CancelAfter(TimeSpan.FromSeconds(60));
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = Api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/users") { Content = ApiJson.Raw("{\"username\": ") };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var lines = new List<string>();
        var logs = Fixture.App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(api).GetAsyncEnumerator(watching.Token);
        var answer = await client.SendAsync(request, Cancel);
        await answer.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        // Every line up to the one that reports this request's refusal: an error logged for it would come first.
        while (!lines.Any(line => line.Contains(traceId)))
        {
            Assert.True(await logs.MoveNextAsync(), "the API's log ended");
            lines.AddRange(logs.Current.Select(line => line.Content));
        }

        await logs.DisposeAsync();
        Assert.DoesNotContain(lines, line => line.Contains("ExceptionHandlerMiddleware") || line.StartsWith("fail:"));
        Assert.Contains(lines, line => line.Contains(traceId) && line.Contains("Refused a bad request"));
    }
}
