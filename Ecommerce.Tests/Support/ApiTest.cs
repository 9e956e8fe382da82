namespace Ecommerce.Tests.Support;

/// <summary>What every test against the shared system starts with: the system, a session on its API and the test's cancellation.</summary>
public abstract class ApiTest(EcommerceAppFixture fixture)
{
    protected EcommerceAppFixture Fixture { get; } = fixture;

    protected ApiSession Api { get; } = new(fixture);

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;
}
