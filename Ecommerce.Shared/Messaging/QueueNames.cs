namespace Ecommerce.Shared.Messaging;

/// <summary>Every service's queues, each named after the service that consumes it. The AppHost links this file for
/// its command that requeues a service's dead letters.</summary>
public static class QueueNames
{
    public const string Catalog = "api.catalog";
    public const string OrderTimeline = "order-consumer.events";
    public const string PaymentRequests = "payment-worker.payment-requested";
    public const string RefundRequests = "payment-worker.refund-requested";

    public static readonly IReadOnlyDictionary<string, string[]> ByService = new Dictionary<string, string[]>
    {
        ["api"] = [Catalog],
        ["order-consumer"] = [OrderTimeline],
        ["payment-worker"] = [PaymentRequests, RefundRequests],
    };

    public static IEnumerable<string> All => ByService.Values.SelectMany(queues => queues);

    /// <summary>Where a queue's rejected messages go, through the default exchange.</summary>
    public static string DeadLettersOf(string queue) => $"{queue}.dlq";
}
