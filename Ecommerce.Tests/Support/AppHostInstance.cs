using Microsoft.Extensions.Logging;

namespace Ecommerce.Tests.Support;

/// <summary>
/// The whole distributed application in local mode with fresh data in a throw-away folder, ready only when every
/// resource reports healthy. A subclass adds settings of its own (<see cref="ExtraArguments"/>).
/// </summary>
public abstract class AppHostInstance : IAsyncLifetime
{
    public static readonly string[] ResourceNames =
        ["postgres", "redis", "rabbitmq", "api", "order-consumer", "payment-worker"];

    public const string AdminUsername = "admin";
    public static readonly string AdminPassword = $"Admin-{Guid.NewGuid():N}";

    /// <summary>Known to the tests so that they can mint expired tokens that are otherwise genuine.</summary>
    public static readonly string JwtSigningKey = $"{Guid.NewGuid():N}{Guid.NewGuid():N}";

    /// <summary>Short, so that the expiry test finishes quickly, and long enough that no other test's pending order
    /// expires while that test still looks at it.</summary>
    public static readonly TimeSpan UnpaidOrderExpiry = TimeSpan.FromSeconds(20);

    /// <summary>Long enough that an event is never redelivered after its record is gone, short enough for the
    /// retention test.</summary>
    public static readonly TimeSpan EventRecordRetention = TimeSpan.FromSeconds(20);

    /// <summary>Short, for the retention test; the tests that replay a key do so within seconds.</summary>
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(4);

    // The servers may run as other users (PostgreSQL refuses root), so they must be able to enter the folder.
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("ecommerce-tests-");
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The application has not started.");

    public HttpClient CreateApiClient() => App.CreateHttpClient("api", "http");

    /// <summary>Settings after the common ones, which they override.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Once every resource is healthy, whatever more the instance waits for.</summary>
    protected virtual Task WhenStartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        if (!OperatingSystem.IsWindows())
        {
            _dataDirectory.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ecommerce_AppHost>(
            [
                "--Infrastructure:Mode=local",
                $"--Infrastructure:DataPath={_dataDirectory.FullName}",
                $"--Parameters:admin-username={AdminUsername}",
                $"--Parameters:admin-password={AdminPassword}",
                $"--Parameters:jwt-signing-key={JwtSigningKey}",
                $"--Orders:ExpireUnpaidAfter={UnpaidOrderExpiry}",
                "--Orders:ExpiryScanInterval=00:00:01",
                $"--Events:RetainFor={EventRecordRetention}",
                "--Events:PruneInterval=00:00:01",
                $"--Idempotency:RetainFor={IdempotencyRetention}",
                // Tests run in parallel on two cores, where a hash at the lowest priority can wait seconds for a
                // thread; they are answered, not shed. A full queue is still refused at once (SignInFloodTests).
                "--PasswordHashing:MaxWait=00:00:30",
                "--PaymentGateway:Latency=00:00:00.020",
                "--PaymentGateway:AttemptTimeout=00:00:00.500",
                "--PaymentGateway:MaxRetries=2",
                // The webhook receivers of the tests listen on loopback, and retries come soon.
                "--Webhooks:AllowPrivateNetworks=true",
                // Every test makes the data it needs; the demo catalog would only be in the way.
                "--Seed:Demo=false",
                "--Webhooks:FirstRetryDelay=00:00:01",
                .. ExtraArguments,
            ],
            timeout.Token);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting", LogLevel.Warning));

        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
        await Task.WhenAll(ResourceNames.Select(name =>
            _app.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        await WhenStartedAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _dataDirectory.Delete(recursive: true);
    }
}
