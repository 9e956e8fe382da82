namespace Ecommerce.OrderConsumer.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether receivers on private, loopback and link-local networks may be called (development and tests).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How many deliveries one dispatcher sends at once; a slow receiver holds one of them, not the others.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 64;

    /// <summary>How long a receiver has to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a dispatcher holds a delivery it took before another may take it over: long enough for a send
    /// and its record, so that only a crashed dispatcher's deliveries are taken over.</summary>
    public TimeSpan Lease => Timeout * 3;

    /// <summary>The wait before the first retry; each further retry waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried before it is recorded as failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the dispatcher looks for due retries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
