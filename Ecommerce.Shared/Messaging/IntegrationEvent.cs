using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Shared.Messaging;

/// <summary>The body of every message on the <see cref="Topology.Exchange"/> exchange.</summary>
public sealed record IntegrationEvent(Guid EventId, string EventType, DateTime OccurredAt, JsonElement Data)
{
    public T DataAs<T>() => Data.Deserialize<T>(EventJson.Options)
        ?? throw new JsonException($"Event {EventId} ({EventType}) has no data.");
}

/// <summary>The routing key of each event: the aggregate it concerns, a dot, and what happened. Each family of events is
/// declared with what it carries.</summary>
public static partial class EventTypes
{
    public const string OrderCreated = "order.created";
    public const string OrderPaid = "order.paid";
    public const string OrderCanceled = "order.canceled";
    public const string OrderShipped = "order.shipped";
    public const string OrderDelivered = "order.delivered";
    public const string OrderRefunded = "order.refunded";
}

/// <summary>What order events carry.</summary>
public sealed record OrderEventData(long OrderId, string OrderNumber, int UserId, decimal TotalAmount, string Status, string? Reason = null);

public static partial class EventTypes
{
    public const string PaymentRequested = "payment.requested";
    public const string PaymentCompleted = "payment.completed";
    public const string PaymentFailed = "payment.failed";
}

/// <summary>What payment events carry. The payment token stays in the database; it never travels on the broker.</summary>
public sealed record PaymentEventData(
    long OrderId, long PaymentId, string TransactionId, decimal Amount, string PaymentMethod, string Status, string? Reason = null);

public static partial class EventTypes
{
    public const string RefundRequested = "refund.requested";
    public const string RefundCompleted = "refund.completed";
    public const string RefundFailed = "refund.failed";
}

/// <summary>What refund events carry.</summary>
public sealed record RefundEventData(
    long OrderId, long RefundId, long PaymentId, string TransactionId, decimal Amount, bool Restock, string Status, string? Reason = null);

public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
