namespace Ecommerce.Shared.Messaging;

/// <summary>What a service does with one event. It is resolved in the message's own scope, and it may be handed the
/// same event again (a redelivery), so its effect must happen once whatever the deliveries: through
/// <see cref="Inbox"/>, a unique key, or an effect that is the same when repeated.</summary>
public interface IEventHandler
{
    Task HandleAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken);
}
