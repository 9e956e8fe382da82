using Ecommerce.PaymentWorker;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEcommerceDatabase();
builder.AddEcommerceMessaging();

builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GatewayOptions.Section));
builder.Services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();
builder.Services.AddSingleton<GatewayCalls>();
builder.Services.AddResiliencePipeline(GatewayCalls.Pipeline, (pipeline, context) =>
{
    var options = context.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value;
    pipeline
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddTimeout(options.AttemptTimeout);
});
builder.Services.AddGroupCommitWriter<PaymentSettlementWriter>();
builder.Services.AddEventConsumer<PaymentVerification>(QueueNames.PaymentRequests, EventTypes.PaymentRequested);
builder.Services.AddEventConsumer<RefundProcessing>(QueueNames.RefundRequests, EventTypes.RefundRequested);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
