using Microsoft.Extensions.Options;

namespace Ecommerce.PaymentWorker.Gateway;

/// <summary>A gateway whose answer is decided by the payment token: none or <c>tok_visa</c> approves,
/// <c>tok_declined</c> declines, <c>tok_timeout</c> never answers; <c>tok_refund_declined</c> approves the payment and
/// declines its refunds; any other token is unknown to it. Refunds of every other approved payment are approved.</summary>
public sealed class SimulatedPaymentGateway(IOptions<GatewayOptions> options, TimeProvider clock) : IPaymentGateway
{
    private const string RefundDeclinedToken = "tok_refund_declined";

    public async Task<GatewayAnswer> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(options.Value.Latency, clock, cancellationToken);
        return request.PaymentToken == RefundDeclinedToken
            ? new GatewayAnswer(false, "Refund declined by the issuer")
            : new GatewayAnswer(true, "Refund approved");
    }

    public async Task<GatewayAnswer> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(options.Value.Latency, clock, cancellationToken);
        switch (request.PaymentToken)
        {
            case null or "tok_visa" or RefundDeclinedToken:
                return new GatewayAnswer(true, "Payment approved");
            case "tok_declined":
                return new GatewayAnswer(false, "Payment declined by the issuer");
            case "tok_timeout":
                await Task.Delay(Timeout.InfiniteTimeSpan, clock, cancellationToken);
                throw new InvalidOperationException("An infinite wait ended without cancellation.");
            default:
                return new GatewayAnswer(false, "Unknown payment token");
        }
    }
}
