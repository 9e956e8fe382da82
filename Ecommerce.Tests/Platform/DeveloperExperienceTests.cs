namespace Ecommerce.Tests.Platform;

/// <summary>A newcomer's first minutes: the API reference can send a token, the dashboard links it, and a command fills
/// the catalog.</summary>
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
