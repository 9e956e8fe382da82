using System.Diagnostics;
using System.Text;

namespace Ecommerce.Shared.Messaging;

/// <summary>W3C trace context in AMQP headers, so that one trace runs from the HTTP request through every consumer.</summary>
public static class TraceContext
{
    public static void Inject(Activity? activity, IDictionary<string, object?> headers) =>
        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, key, value) =>
        {
            if (carrier is IDictionary<string, object?> target)
            {
                target[key] = value;
            }
        });

    public static ActivityContext Extract(IDictionary<string, object?>? headers)
    {
        DistributedContextPropagator.Current.ExtractTraceIdAndState(headers, static (carrier, key, out value, out values) =>
        {
            values = null;
            value = carrier is IDictionary<string, object?> source && source.TryGetValue(key, out var raw)
                ? raw switch { byte[] bytes => Encoding.UTF8.GetString(bytes), _ => raw?.ToString() }
                : null;
        }, out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, out var context) ? context : default;
    }
}
