namespace Ecommerce.PaymentWorker.Gateway;

public sealed class GatewayOptions
{
    public const string Section = "PaymentGateway";

    /// <summary>How long the simulator takes to answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long one call may take before it counts as a timeout.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after a timeout, with exponential back-off from <see cref="RetryDelay"/>.</summary>
    public int MaxRetries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many calls may wait on the gateway at once: a real gateway limits its clients, and this, not the
    /// consumer's prefetch, is what bounds the payments a worker verifies at the same time.</summary>
    public int MaxConcurrentCalls { get; set; } = 256;
}
