using Ecommerce.OrderConsumer;
using Ecommerce.OrderConsumer.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEcommerceDatabase();
builder.AddEcommerceMessaging();

builder.Services.Configure<OrderExpiryOptions>(builder.Configuration.GetSection(OrderExpiryOptions.Section));
builder.Services.Configure<EventRetentionOptions>(builder.Configuration.GetSection(EventRetentionOptions.Section));
builder.Services.Configure<IdempotencyRetentionOptions>(builder.Configuration.GetSection(IdempotencyRetentionOptions.Section));
builder.Services.AddSingleton<IOrderNotifier, LoggingOrderNotifier>();
// The writers are registered first so that they stop after the consumer whose events they record.
builder.Services.AddGroupCommitWriter<OrderTimelineWriter>();
builder.Services.AddSingleton<WebhookSignal>();
builder.Services.AddSingleton<NewWebhookDeliveries>();
builder.Services.AddGroupCommitWriter<WebhookAttemptWriter>();
builder.Services.AddGroupCommitWriter<WebhookDeliveryWriter>();
builder.Services.AddEventConsumer<OrderTimelineHandler>(QueueNames.OrderTimeline, "order.*", "payment.*", "refund.*");
builder.Services.AddHostedService<UnpaidOrderExpiry>();
builder.Services.AddHostedService<RecordRetention>();
builder.Services.Configure<WebhookOptions>(builder.Configuration.GetSection(WebhookOptions.Section));
builder.Services.AddHostedService<WebhookDispatcher>();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
