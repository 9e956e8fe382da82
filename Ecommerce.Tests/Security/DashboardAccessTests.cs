using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Ecommerce.Tests.Security;

/// <summary>
/// The AppHost as a developer starts it (its launch profile, its dashboard, its resource service) must let no other
/// process on the machine in without the browser token or the API keys: the resource service streams every resource's
/// environment, secrets included.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DashboardAccessTests
{
    private const string BrowserToken = "test-browser-token-0123456789abcdef";
    private const string ResourceServiceApiKey = "test-resource-service-key-0123456789";
    private const string OtlpApiKey = "test-otlp-key-0123456789abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_its_telemetry_and_the_resource_service_refuse_whoever_has_no_token_or_key()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("ecommerce-dashboard-");
        dataDirectory.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var (dashboard, otlp, resourceService) = (FreeLoopbackUrl(), FreeLoopbackUrl(), FreeLoopbackUrl());
        var environment = LaunchProfileEnvironment();
        environment["ASPNETCORE_URLS"] = dashboard;
        environment["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = otlp;
        environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = resourceService;
        environment["ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN"] = BrowserToken;
        environment["ASPIRE_DASHBOARD_RESOURCESERVICE_APIKEY"] = ResourceServiceApiKey;
        // Known keys and secrets, so that the run writes nothing into the developer's user secrets.
        environment["AppHost__OtlpApiKey"] = OtlpApiKey;
        environment["AppHost__McpApiKey"] = Guid.NewGuid().ToString("N");
        environment["AppHost__DashboardApiKey"] = Guid.NewGuid().ToString("N");
        foreach (var secret in new[] { "postgres-password", "redis-password", "rabbitmq-password", "jwt-signing-key", "admin-password" })
        {
            environment[$"Parameters__{secret}"] = $"{Guid.NewGuid():N}{Guid.NewGuid():N}";
        }

        await using (var appHost = AppHostProcess.Start(
            ["--Infrastructure:Mode=local", $"--Infrastructure:DataPath={dataDirectory.FullName}"], environment))
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
            using var browser = new HttpClient(handler) { BaseAddress = new Uri(dashboard) };
            await WaitForDashboardAsync(browser, appHost);

            var anonymous = await browser.GetAsync("/", Cancel);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/login", anonymous.Headers.Location!.AbsolutePath);
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/telemetry/resources", Cancel)).StatusCode);

            using var rebound = new HttpRequestMessage(HttpMethod.Get, "/");
            rebound.Headers.Host = "attacker.example";
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(rebound, Cancel)).StatusCode);

            Assert.Contains($"/login?t={BrowserToken}", appHost.Output);
            var login = await browser.GetAsync($"/login?t={BrowserToken}", Cancel);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/", Cancel)).StatusCode);

            using var telemetry = new HttpClient { BaseAddress = new Uri(otlp) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await ExportTracesAsync(telemetry, apiKey: null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ExportTracesAsync(telemetry, OtlpApiKey)).StatusCode);

            using var resources = new HttpClient { BaseAddress = new Uri(resourceService) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await CallResourceServiceAsync(resources, apiKey: null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await CallResourceServiceAsync(resources, ResourceServiceApiKey)).StatusCode);
        }

        await DeleteWhenReleasedAsync(dataDirectory);
    }

    /// <summary>The servers the AppHost started may still be writing their folders for a moment after it exits.</summary>
    private static async Task DeleteWhenReleasedAsync(DirectoryInfo directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                directory.Delete(recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), Cancel);
            }
        }
    }

    /// <summary>The environment of the AppHost's first launch profile, the one <c>dotnet run</c> and the tests use.</summary>
    private static Dictionary<string, string> LaunchProfileEnvironment()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(AppHostProcess.Directory, "Properties", "launchSettings.json")))!;
        var profile = settings["profiles"]!.AsObject().First().Value!;
        return profile["environmentVariables"]!.AsObject().ToDictionary(variable => variable.Key, variable => (string)variable.Value!);
    }

    private static async Task WaitForDashboardAsync(HttpClient browser, AppHostProcess appHost)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            Assert.False(appHost.HasExited, $"the AppHost exited: {appHost.Output}");
            try
            {
                await browser.GetAsync("/health", Cancel);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), Cancel);
            }
        }
    }

    private static async Task<HttpResponseMessage> ExportTracesAsync(HttpClient telemetry, string? apiKey)
    {
        // An empty ExportTraceServiceRequest: valid protobuf with no spans.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (apiKey is not null)
        {
            request.Headers.Add("x-otlp-api-key", apiKey);
        }

        return await telemetry.SendAsync(request, Cancel);
    }

    private static async Task<HttpResponseMessage> CallResourceServiceAsync(HttpClient resources, string? apiKey)
    {
        // A unary gRPC call over cleartext HTTP/2: a zero-length message, uncompressed.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/aspire.v1.DashboardService/GetApplicationInformation")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        if (apiKey is not null)
        {
            request.Headers.Add("x-resource-service-api-key", apiKey);
        }

        return await resources.SendAsync(request, Cancel);
    }

    private static string FreeLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://localhost:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
