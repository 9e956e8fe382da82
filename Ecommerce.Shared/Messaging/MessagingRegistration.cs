using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Messaging;

public static class MessagingRegistration
{
    /// <summary>The broker connection (with Aspire's health check and tracing) and the outbox relay, which every
    /// service that writes events runs.</summary>
    public static IHostApplicationBuilder AddEcommerceMessaging(this IHostApplicationBuilder builder)
    {
        // The client reconnects a second after it lost the broker, not its default five: every event waits for it.
        builder.AddRabbitMQClient(ConnectionNames.Messaging,
            configureConnectionFactory: factory => factory.NetworkRecoveryInterval = TimeSpan.FromSeconds(1));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(ConsumerOptions.Section).Get<ConsumerOptions>() ?? new ConsumerOptions());
        return builder;
    }

    /// <summary>Consumes <paramref name="queue"/>, bound to <paramref name="routingKeys"/>, with a scoped
    /// <typeparamref name="THandler"/> for each event.</summary>
    public static IServiceCollection AddEventConsumer<THandler>(this IServiceCollection services, string queue, params string[] routingKeys)
        where THandler : class, IEventHandler
    {
        services.AddScoped<THandler>();
        return services.AddHostedService(provider =>
            ActivatorUtilities.CreateInstance<EventConsumer<THandler>>(provider, new EventSubscription(queue, routingKeys)));
    }
}
