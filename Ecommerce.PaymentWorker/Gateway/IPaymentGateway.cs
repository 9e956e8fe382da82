namespace Ecommerce.PaymentWorker.Gateway;

public sealed record GatewayRequest(string TransactionId, decimal Amount, string PaymentMethod, string? PaymentToken);

public sealed record GatewayAnswer(bool Approved, string Message);

/// <summary>The payment provider. It may be slow or never answer; the caller bounds every call.</summary>
public interface IPaymentGateway
{
    Task<GatewayAnswer> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken);
}
