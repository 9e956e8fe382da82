namespace Ecommerce.Tests.Http;

/// <summary>Every layer answers in the one envelope, and hostile input never reaches a 500.</summary>
public sealed class ErrorEnvelopeTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task An_unknown_route_is_ERR_404()
    {
        await Api.AnonymousGetErrorAsync("/no/such/route", HttpStatusCode.NotFound, "ERR_404");
    }

    [Fact]
    public async Task A_wrong_method_is_ERR_405()
    {
        using var client = Api.Anonymous();

        var response = await client.PatchAsync("/products", ApiJson.Raw("{}"), Cancel);

        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "ERR_405");
    }

    [Theory]
    [InlineData("{\"username\": ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public async Task Malformed_json_is_ERR_VALIDATION_on_the_body(string json)
    {
        using var client = Api.Anonymous();

        var error = await client.SendInvalidAsync(HttpMethod.Post, "/users", json);
        Assert.Equal("body", error.Locations().Single().Split('.')[0]);
    }

    [Fact]
    public async Task A_non_numeric_route_value_is_ERR_VALIDATION_on_the_path()
    {
        Assert.Equal(["path.product_id"], (await Api.AnonymousGetErrorAsync("/products/abc", HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION")).Locations());
    }

    [Fact]
    public async Task A_six_megabyte_body_is_ERR_413()
    {
        using var client = Api.Anonymous();
        var huge = $"{{\"username\": \"{new string('a', 6 * 1024 * 1024)}\", \"password\": \"password-123\"}}";

        // As curl does for large bodies: the client waits for the server's go-ahead, so a refusal arrives before the
        // upload instead of racing it (without this, the connection may be reset mid-upload and the answer lost).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/users") { Content = ApiJson.Raw(huge) };
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request, Cancel);

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "ERR_413");
    }

    [Fact]
    public async Task A_non_json_media_type_is_ERR_415()
    {
        using var client = Api.Anonymous();

        var response = await client.PostAsync("/users", ApiJson.Raw("username=a&password=b", "text/plain"), Cancel);

        await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType, "ERR_415");
    }

    [Fact]
    public async Task Unknown_properties_are_ignored()
    {
        using var client = Api.Anonymous();

        var response = await client.PostAsync("/users/register", ApiJson.Raw(
            $$"""{"username": "{{ApiSession.UniqueName("extra")}}", "password": "password-123", "amount": 12, "is_admin": true, "role": "admin"}"""), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("customer", (await response.ReadAsync()).GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("/users", """{"username": ["a"], "password": {"x": 1}}""")]
    [InlineData("/users", """{"username": null, "password": null}""")]
    [InlineData("/users/login", """{"username": 1e999, "password": true}""")]
    [InlineData("/users/login", """{"username": "\u0000", "password": "\u0000"}""")]
    [InlineData("/users", """{"username": "ok_name", "password": "password-123", "email": 7}""")]
    public async Task Hostile_bodies_never_reach_a_500(string route, string json)
    {
        using var client = Api.Anonymous();

        var response = await client.PostAsync(route, ApiJson.Raw(json), Cancel);

        Assert.InRange((int)response.StatusCode, 400, 499);
        var body = await response.ReadAsync();
        Assert.False(body.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var client = Api.Anonymous();

        var document = await (await client.GetAsync("/openapi/v1.json", Cancel)).ReadAsync();

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/users/login", "/products", "/products/{product_id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}
