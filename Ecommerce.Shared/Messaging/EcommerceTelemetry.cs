using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Messaging;

/// <summary>The services' own traces and metrics, registered with OpenTelemetry by the service defaults.</summary>
public static class EcommerceTelemetry
{
    public static readonly ActivitySource ActivitySource = new(Extensions.TelemetrySourceName);

    private static readonly Meter Meter = new(Extensions.TelemetrySourceName);

    public static readonly Counter<long> OrdersCreated = Meter.CreateCounter<long>("ecommerce.orders.created");
    public static readonly Counter<long> PaymentsCompleted = Meter.CreateCounter<long>("ecommerce.payments.completed");
    public static readonly Counter<long> PaymentsFailed = Meter.CreateCounter<long>("ecommerce.payments.failed");
    public static readonly Counter<long> EventsPublished = Meter.CreateCounter<long>("ecommerce.events.published");
    public static readonly Counter<long> EventsDeadLettered = Meter.CreateCounter<long>("ecommerce.events.dead_lettered");
}
