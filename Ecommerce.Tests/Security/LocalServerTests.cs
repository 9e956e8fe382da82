using System.Globalization;
using Ecommerce.AppHost.Infrastructure;
using StackExchange.Redis;

namespace Ecommerce.Tests.Security;

/// <summary>The servers that the AppHost runs from the machine's packages are reachable from this machine only.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalServerTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Theory]
    [InlineData("postgres", "tcp")]
    [InlineData("redis", "tcp")]
    [InlineData("rabbitmq", "tcp")]
    [InlineData("rabbitmq", "distribution")]
    public void Every_port_of_a_local_server_listens_on_loopback_only(string server, string endpoint)
    {
        var port = Fixture.App.GetEndpoint(server, endpoint).Port;

        var listeners = ListeningAddresses(port);

        Assert.NotEmpty(listeners);
        Assert.All(listeners, address => Assert.True(IPAddress.IsLoopback(address), $"{server}'s {endpoint} port {port} listens on {address}"));
    }

    [Fact]
    public async Task The_local_redis_has_bounded_memory_and_evicts_as_a_cache()
    {
        var connectionString = await Fixture.App.GetConnectionStringAsync("redis", Cancel);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString! + ",allowAdmin=true");
        var server = redis.GetServer(redis.GetEndPoints().Single());

        var settings = (await server.ConfigGetAsync("maxmemory*")).ToDictionary(pair => pair.Key, pair => pair.Value);

        Assert.True(long.Parse(settings["maxmemory"], CultureInfo.InvariantCulture) > 0, "maxmemory is unbounded");
        Assert.Equal("allkeys-lru", settings["maxmemory-policy"]);
    }

    [Fact]
    public async Task A_container_runtime_that_hangs_counts_as_absent()
    {
        var runtime = Path.Combine(Directory.CreateTempSubdirectory("ecommerce-runtime-").FullName, "docker");
        await File.WriteAllTextAsync(runtime, "#!/bin/sh\nexec sleep 600\n", Cancel);
        File.SetUnixFileMode(runtime, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var answers = await Task.Run(() => InfrastructureModeSelector.ContainerRuntimeAnswers(runtime, TimeSpan.FromSeconds(1)))
            .WaitAsync(TimeSpan.FromSeconds(30), Cancel);

        Assert.False(answers);
    }

    /// <summary>The local addresses of every TCP socket listening on <paramref name="port"/>, from /proc/net.</summary>
    private static List<IPAddress> ListeningAddresses(int port)
    {
        const string Listen = "0A";
        var addresses = new List<IPAddress>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1].Split(':');
                if (fields[3] == Listen && int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    addresses.Add(ProcAddress(local[0]));
                }
            }
        }

        return addresses;
    }

    /// <summary>/proc/net writes an address as 32-bit words in host (little-endian) byte order.</summary>
    private static IPAddress ProcAddress(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        for (var word = 0; word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }

        return new IPAddress(bytes);
    }
}
