using System.Text.Json.Serialization;

namespace Ecommerce.Tests.Support;

public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static StringContent Body(object value) =>
        new(JsonSerializer.Serialize(value, Options), System.Text.Encoding.UTF8, "application/json");

    public static StringContent Raw(string json, string mediaType = "application/json") =>
        new(json, System.Text.Encoding.UTF8, mediaType);

    public static async Task<JsonElement> ReadAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    /// <summary>Asserts the contract's error envelope with this status and code, and returns its <c>error</c>.</summary>
    public static async Task<JsonElement> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.False(body.GetProperty("success").GetBoolean());
        var error = body.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }

    /// <summary>Sends <paramref name="json"/> as it is, asserts the 422 <c>ERR_VALIDATION</c> envelope and returns its
    /// <c>error</c>.</summary>
    public static async Task<JsonElement> SendInvalidAsync(this HttpClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = Raw(json) };
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
    }

    /// <summary>Sends <paramref name="json"/> as it is and asserts the 422 <c>ERR_VALIDATION</c> envelope, with
    /// <paramref name="location"/> among its locations.</summary>
    public static async Task AssertInvalidAtAsync(this HttpClient client, HttpMethod method, string path, string json, string location) =>
        Assert.Contains(location, (await client.SendInvalidAsync(method, path, json)).Locations());

    /// <summary>As <see cref="AssertInvalidAtAsync"/>, with a location that starts with <paramref name="location"/>.</summary>
    public static async Task AssertInvalidUnderAsync(this HttpClient client, HttpMethod method, string path, string json, string location) =>
        Assert.Contains((await client.SendInvalidAsync(method, path, json)).Locations(), l => l.StartsWith(location, StringComparison.Ordinal));

    /// <summary>The <c>loc</c> of every entry in a validation error's detail, joined with dots.</summary>
    public static IReadOnlyList<string> Locations(this JsonElement error) =>
        error.GetProperty("detail").EnumerateArray()
            .Select(entry => string.Join('.', entry.GetProperty("loc").EnumerateArray().Select(part => part.ToString())))
            .ToList();
}
