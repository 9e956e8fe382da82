namespace Ecommerce.AppHost.Infrastructure;

/// <summary>
/// A server from the machine's packages, run by the AppHost through its start script. It listens on the port the
/// orchestrator allocates for its <c>tcp</c> endpoint and offers consumers an ordinary connection string.
/// </summary>
public sealed class LocalServerResource(
    string name,
    string workingDirectory,
    Func<EndpointReference, ReferenceExpression> connectionString)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => connectionString(Endpoint);
}
