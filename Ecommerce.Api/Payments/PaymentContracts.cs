namespace Ecommerce.Api.Payments;

public sealed record ProcessPaymentRequest(long? OrderId, PaymentMethod? PaymentMethod, string? PaymentToken);

public sealed record PaymentAcceptedResponse(
    bool Success, string Message, long OrderId, string TransactionId, decimal Amount, PaymentMethod PaymentMethod,
    PaymentStatus Status, DateTime Timestamp);

public sealed record PaymentStatusResponse(
    long OrderId, PaymentStatus Status, bool Verified, string Message, string? TransactionId, DateTime UpdatedAt);

public sealed class ProcessPaymentRequestValidator : AbstractValidator<ProcessPaymentRequest>
{
    public ProcessPaymentRequestValidator()
    {
        RuleFor(r => r.OrderId).NotNull().GreaterThan(0);
        RuleFor(r => r.PaymentMethod).NotNull();
        RuleFor(r => r.PaymentToken).MaximumLength(100).StorableText();
    }
}
