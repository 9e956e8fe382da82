using Microsoft.Extensions.Options;
using Polly.Registry;
using Polly.Timeout;

namespace Ecommerce.PaymentWorker.Gateway;

/// <summary>Every call to the gateway goes through one resilience pipeline: a timeout per attempt and retries with
/// back-off, at most <see cref="GatewayOptions.MaxConcurrentCalls"/> at once. A gateway that never answered is a
/// declined answer, not a failure of the message.</summary>
public sealed class GatewayCalls(ResiliencePipelineProvider<string> pipelines, IOptions<GatewayOptions> options) : IDisposable
{
    public const string Pipeline = "payment-gateway";

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentCalls);

    public async Task<GatewayAnswer> AskAsync(Func<CancellationToken, Task<GatewayAnswer>> call, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await pipelines.GetPipeline(Pipeline).ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new GatewayAnswer(false, "The payment gateway did not answer in time");
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
