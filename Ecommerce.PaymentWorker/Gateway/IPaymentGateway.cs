namespace Ecommerce.PaymentWorker.Gateway;

public sealed record GatewayRequest(string TransactionId, decimal Amount, string PaymentMethod, string? PaymentToken);

/// <summary>Money back from the payment <paramref name="TransactionId"/>, made with <paramref name="PaymentToken"/>.</summary>
public sealed record GatewayRefundRequest(string TransactionId, long RefundId, decimal Amount, string? PaymentToken);

public sealed record GatewayAnswer(bool Approved, string Message);

/// <summary>The payment provider. It may be slow or never answer; the caller bounds every call.</summary>
public interface IPaymentGateway
{
    Task<GatewayAnswer> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken);

    /// <summary>Returns money of an authorized payment; <see cref="GatewayRefundRequest.RefundId"/> makes a repeated call
    /// one refund.</summary>
    Task<GatewayAnswer> RefundAsync(GatewayRefundRequest request, CancellationToken cancellationToken);
}
