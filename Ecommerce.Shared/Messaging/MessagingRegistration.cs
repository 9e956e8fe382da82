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
        builder.AddRabbitMQClient(ConnectionNames.Messaging);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(ConsumerOptions.Section).Get<ConsumerOptions>() ?? new ConsumerOptions());
        return builder;
    }
}
