using System.Text.Json.Nodes;

namespace Ecommerce.Tests.Platform;

/// <summary>azd deploys from the Aspire manifest, so it must describe the servers as containers and the services as
/// projects wired to them.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Manifest_describes_servers_as_containers_and_services_as_projects()
    {
        var manifest = await PublishManifestAsync(TestContext.Current.CancellationToken);
        var resources = manifest["resources"]!.AsObject();

        foreach (var server in new[] { "postgres", "redis", "rabbitmq" })
        {
            Assert.StartsWith("container.", (string?)resources[server]?["type"]);
            // Azure Container Apps cannot mount a volume PostgreSQL accepts; data volumes are for run mode only.
            Assert.Null(resources[server]?["volumes"]);
            Assert.Null(resources[server]?["bindMounts"]);
        }

        Assert.Contains("{postgres.connectionString}", (string?)resources["ecommerce"]?["connectionString"]);

        foreach (var service in new[] { "api", "order-consumer", "payment-worker" })
        {
            Assert.StartsWith("project.", (string?)resources[service]?["type"]);
            var environment = resources[service]!["env"]!.AsObject();
            Assert.Equal("{ecommerce.connectionString}", (string?)environment["ConnectionStrings__ecommerce"]);
            Assert.Equal("{rabbitmq.connectionString}", (string?)environment["ConnectionStrings__rabbitmq"]);
        }

        Assert.Equal("{redis.connectionString}", (string?)resources["api"]!["env"]!["ConnectionStrings__redis"]);
        Assert.Equal("{jwt-signing-key.value}", (string?)resources["api"]!["env"]!["Jwt__SigningKey"]);
        Assert.True((bool?)resources["jwt-signing-key"]!["inputs"]!["value"]!["secret"]);
    }

    private static async Task<JsonNode> PublishManifestAsync(CancellationToken cancellationToken)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("ecommerce-manifest-").FullName, "manifest.json");

        await using var publisher = AppHostProcess.Start(["--publisher", "manifest", "--output-path", output]);
        await publisher.WaitForExitAsync(cancellationToken);
        Assert.True(publisher.ExitCode == 0, $"the manifest publisher failed: {publisher.Output}");

        return JsonNode.Parse(await File.ReadAllTextAsync(output, cancellationToken))!;
    }
}
