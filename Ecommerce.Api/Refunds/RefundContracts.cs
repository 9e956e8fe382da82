using Ecommerce.Shared.Refunds;

namespace Ecommerce.Api.Refunds;

/// <summary>An omitted amount refunds everything not refunded yet.</summary>
public sealed record RefundRequest(decimal? Amount, string? Reason, bool? Restock);

public sealed record RefundResponse(
    long Id, long OrderId, decimal Amount, string? Reason, bool Restock, RefundStatus Status, string? Message, DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static RefundResponse From(Refund refund) => new(
        refund.Id, refund.OrderId, refund.Amount, refund.Reason, refund.Restock, refund.Status, refund.Message, refund.CreatedAt,
        refund.UpdatedAt);
}

public sealed class RefundRequestValidator : AbstractValidator<RefundRequest>
{
    public RefundRequestValidator()
    {
        RuleFor(r => r.Amount).GreaterThan(0).LessThanOrEqualTo(Order.MaxAmount).AtMostTwoDecimals();
        RuleFor(r => r.Reason).MaximumLength(Refund.MaxReasonLength).StorableText();
    }
}
