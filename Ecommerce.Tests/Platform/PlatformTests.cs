using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Tests.Platform;

public sealed class PlatformTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public void Every_resource_is_healthy()
    {
        foreach (var name in EcommerceAppFixture.ResourceNames)
        {
            Assert.True(Fixture.App.ResourceNotifications.TryGetCurrentState(name, out var resourceEvent), $"{name} is unknown");
            Assert.Equal(HealthStatus.Healthy, resourceEvent.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task Api_answers_the_welcome_route()
    {
        using var api = Fixture.CreateApiClient();

        var welcome = await api.GetFromJsonAsync<Dictionary<string, string>>("/", Cancel);

        Assert.Equal("Welcome to the E-Commerce Platform API", welcome!["message"]);
        Assert.Equal("1.0.0", welcome["version"]);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("order-consumer")]
    [InlineData("payment-worker")]
    public async Task Every_service_exposes_health_and_aliveness(string service)
    {
        using var client = Fixture.App.CreateHttpClient(service, "http");

        Assert.Equal("Healthy", await client.GetStringAsync("/health", Cancel));
        Assert.Equal("Healthy", await client.GetStringAsync("/alive", Cancel));
    }
}
