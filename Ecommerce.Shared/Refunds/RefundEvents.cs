using Ecommerce.Shared.Messaging;

namespace Ecommerce.Shared.Refunds;

public static class RefundEvents
{
    public static RefundEventData ToEventData(this Refund refund, string transactionId) => new(
        refund.OrderId, refund.Id, refund.PaymentId, transactionId, refund.Amount, refund.Restock,
        refund.Status.ToString().ToLowerInvariant(), refund.Message);
}
