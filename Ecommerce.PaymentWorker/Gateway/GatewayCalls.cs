using Polly.Registry;
using Polly.Timeout;

namespace Ecommerce.PaymentWorker.Gateway;

/// <summary>Every call to the gateway goes through one resilience pipeline: a timeout per attempt and retries with
/// back-off. A gateway that never answered is a declined answer, not a failure of the message.</summary>
public sealed class GatewayCalls(ResiliencePipelineProvider<string> pipelines)
{
    public const string Pipeline = "payment-gateway";

    public async Task<GatewayAnswer> AskAsync(Func<CancellationToken, Task<GatewayAnswer>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await pipelines.GetPipeline(Pipeline).ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new GatewayAnswer(false, "The payment gateway did not answer in time");
        }
    }
}
