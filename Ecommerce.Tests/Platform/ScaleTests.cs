namespace Ecommerce.Tests.Platform;

/// <summary><c>Scale:&lt;resource&gt;</c> on the AppHost runs that many copies of a service.</summary>
public sealed class ScaleTests
{
    [Fact]
    public async Task Each_service_runs_as_many_replicas_as_its_scale_setting_says_and_one_by_default()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ecommerce_AppHost>(
            ["--Infrastructure:Mode=local", "--Scale:api=2", "--Scale:payment-worker=3"], TestContext.Current.CancellationToken);

        int Replicas(string name) => builder.Resources.Single(r => r.Name == name).GetReplicaCount();

        Assert.Equal((2, 3, 1), (Replicas("api"), Replicas("payment-worker"), Replicas("order-consumer")));
    }

    [Fact]
    public async Task A_scale_below_one_is_refused()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.Ecommerce_AppHost>(
                ["--Infrastructure:Mode=local", "--Scale:api=0"], TestContext.Current.CancellationToken));

        Assert.Contains("Scale:api must be at least 1", failure.ToString());
    }
}
