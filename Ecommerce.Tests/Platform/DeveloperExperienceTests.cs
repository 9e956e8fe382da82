namespace Ecommerce.Tests.Platform;

/// <summary>A newcomer's first minutes: the API reference can send a token and names every operation, the dashboard
/// links it, and a command fills the catalog.</summary>
public sealed class DeveloperExperienceTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task The_openapi_document_declares_the_bearer_scheme()
    {
        using var client = Api.Anonymous();

        var document = await (await client.GetAsync("/openapi/v1.json", Cancel)).ReadAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task Every_operation_in_the_openapi_document_is_named_after_its_handler()
    {
        using var client = Api.Anonymous();

        var document = await (await client.GetAsync("/openapi/v1.json", Cancel)).ReadAsync();

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Route: $"{operation.Name} {path.Name}", operation.Value)))
            .ToDictionary(o => o.Route, o => o.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null);
        Assert.DoesNotContain(operations, o => o.Value is null);
        Assert.Equal(operations.Count, operations.Values.Distinct().Count());
        Assert.Equal("GetProduct", operations["get /products/{product_id}"]);
        Assert.Equal("ListWebhookDeliveries", operations["get /webhooks/{webhook_id}/deliveries"]);
        Assert.Equal("Welcome", operations["get /"]);
    }

    [Fact]
    public void The_dashboard_links_the_api_reference()
    {
        Assert.True(Fixture.App.ResourceNotifications.TryGetCurrentState("api", out var api));

        Assert.Contains(api.Snapshot.Urls, url => url.DisplayProperties.DisplayName == "API reference" && url.Url.EndsWith("/scalar"));
    }

    [Fact]
    public async Task The_seed_command_fills_the_catalog_through_the_api()
    {
        var commands = Fixture.App.Services.GetRequiredService<ResourceCommandService>();

        var seeded = await commands.ExecuteCommandAsync("api", "seed-demo-catalog", Cancel);

        Assert.True(seeded.Success, seeded.Message);
        using var client = Api.Anonymous();
        var desks = await (await client.GetAsync("/products?q=walnut%20desk", Cancel)).ReadAsync();
        Assert.Contains(desks.EnumerateArray(), product => product.GetProperty("name").GetString() == "Walnut desk");
    }
}
