using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Tests.Platform;

/// <summary>The test classes that share the replicated system. They run one after another, and after the tests of the
/// shared system: the fault campaign measures how fast the pipeline recovers, which other load on the two cores
/// would measure instead.</summary>
[CollectionDefinition(nameof(Replicated), DisableParallelization = true)]
public sealed class Replicated : ICollectionFixture<ReplicatedSystem>;

/// <summary>
/// A second instance of the whole application, with two replicas of each service, for what replicas must share and
/// for outages that the shared instance's other tests must not see. Its gateway answers after a second, so that
/// payments are still in the workers' hands when an outage begins.
/// </summary>
public sealed class ReplicatedSystem : AppHostInstance
{
    public const int Replicas = 2;

    public static readonly string[] Services = ["api", "order-consumer", "payment-worker"];

    protected override IEnumerable<string> ExtraArguments =>
    [
        .. Services.Select(service => $"--Scale:{service}={Replicas}"),
        "--PaymentGateway:Latency=00:00:01",
        "--PaymentGateway:AttemptTimeout=00:00:05",
    ];

    protected override async Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        foreach (var service in Services)
        {
            await ReplicasAsync(service, cancellationToken);
        }
    }

    /// <summary>The replicas of <paramref name="service"/>, once each of them runs and reports healthy, in the order of
    /// their resource ids.</summary>
    public async Task<IReadOnlyList<ResourceEvent>> ReplicasAsync(string service, CancellationToken cancellationToken)
    {
        var healthy = new Dictionary<string, ResourceEvent>();
        await foreach (var update in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name != service)
            {
                continue;
            }

            if (update.Snapshot.State?.Text == KnownResourceStates.Running && update.Snapshot.HealthStatus == HealthStatus.Healthy)
            {
                healthy[update.ResourceId] = update;
            }
            else
            {
                healthy.Remove(update.ResourceId);
            }

            if (healthy.Count == Replicas)
            {
                return [.. healthy.Values.OrderBy(r => r.ResourceId, StringComparer.Ordinal)];
            }
        }

        throw new OperationCanceledException($"The replicas of {service} did not all become healthy.");
    }

    /// <summary>A replica's own address, not the orchestrator's proxy in front of all of them.</summary>
    public static Uri AddressOf(ResourceEvent replica) =>
        new(replica.Snapshot.EnvironmentVariables.Single(v => v.Name == "ASPNETCORE_URLS").Value!
            .Split(';').First(url => url.StartsWith("http://", StringComparison.Ordinal)));
}
