namespace Ecommerce.OrderConsumer;

/// <summary>Tells a customer that their order was placed.</summary>
public interface IOrderNotifier
{
    Task SendConfirmationAsync(OrderEventData order, CancellationToken cancellationToken);
}

/// <summary>The built-in notifier writes the notice to the log (and so to the dashboard); a mail or push sender
/// replaces it behind the same interface.</summary>
public sealed class LoggingOrderNotifier(ILogger<LoggingOrderNotifier> logger) : IOrderNotifier
{
    public Task SendConfirmationAsync(OrderEventData order, CancellationToken cancellationToken)
    {
        logger.LogInformation("Order confirmation: order {OrderNumber} of user {UserId}, total {TotalAmount}",
            order.OrderNumber, order.UserId, order.TotalAmount);
        return Task.CompletedTask;
    }
}
