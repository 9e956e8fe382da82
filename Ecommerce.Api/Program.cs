using Ecommerce.Api;
using Ecommerce.Api.Cart;
using Ecommerce.Api.Categories;
using Ecommerce.Api.Operations;
using Ecommerce.Api.Orders;
using Ecommerce.Api.Payments;
using Ecommerce.Api.Products;
using Ecommerce.Api.Refunds;
using Ecommerce.Api.Replicas;
using Ecommerce.Api.Webhooks;
using Ecommerce.Shared;
using Ecommerce.Shared.Demo;
using Ecommerce.Shared.Users;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEcommerceDatabase();
// The thread pool instead of the client's own dedicated scheduler threads: on two shared cores those threads' spinning
// and hand-offs took about a sixth of the API's CPU while it took orders (profiled with dotnet-trace).
builder.AddRedisClient(ConnectionNames.Cache, configureOptions: redis => redis.SocketManager = SocketManager.ThreadPool);
builder.AddEcommerceMessaging();

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = ApiLimits.MaxRequestBodyBytes;
    kestrel.ConfigureEndpointDefaults(listen => listen.UseErrorEnvelopeForRejections());
});
builder.Services.AddJsonConventions();
builder.Services.AddErrorEnvelope();
builder.Services.AddRequestValidation();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityScheme>());
builder.Services.AddReplicaEvictions();
builder.Services.AddProductCache();
builder.Services.AddEventConsumer<CatalogChangeHandler>(QueueNames.Catalog, EventTypes.OrderCanceled, EventTypes.OrderRefunded);
builder.Services.AddJwtAuthentication(builder.Configuration);
builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
builder.Services.AddSingleton<LoginThrottle>();
builder.Services.Configure<PasswordHashingOptions>(builder.Configuration.GetSection(PasswordHashingOptions.Section));
builder.Services.AddSingleton<PasswordHashing>();
builder.Services.AddScoped<AccountService>();
builder.Services.AddSingleton<ProductCatalog>();
builder.Services.AddScoped<CategoryTree>();
builder.Services.AddGroupCommitWriter<OrderWriter>();
builder.Services.AddGroupCommitWriter<PaymentAdmissionWriter>();
builder.Services.AddScoped<OrderPlacement>();
builder.Services.AddScoped<PaymentSubmission>();
builder.Services.AddScoped<RefundSubmission>();
builder.Services.AddSingleton(new NetworkGuard(builder.Configuration.GetValue<bool>(NetworkGuard.AllowPrivateNetworksSetting)));
builder.Services.AddSingleton<CartCopies>();
builder.Services.AddSingleton<IMemoryCopies>(services => services.GetRequiredService<CartCopies>());
builder.Services.AddSingleton<CartStore>();
builder.Services.AddSingleton<CartPricing>();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync(app.Lifetime.ApplicationStopping);
await AdminAccount.EnsureAsync(app.Services, app.Lifetime.ApplicationStopping);
await app.Services.SeedDemoCatalogAsync(app.Environment, app.Configuration, app.Lifetime.ApplicationStopping);
await app.Services.SubscribeToOtherReplicasAsync();

app.UseErrorEnvelope();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi();
if (app.Environment.IsDevelopment())
{
    app.MapScalarApiReference();
}

app.MapGet("/", () => TypedResults.Ok(new WelcomeResponse("Welcome to the E-Commerce Platform API", "1.0.0")))
    .WithName("Welcome")
    .WithTags("Service");
var api = app.MapGroup("").NamedAfterHandlers();
api.MapUserEndpoints();
api.MapCategoryEndpoints();
api.MapProductEndpoints();
api.MapCartEndpoints();
api.MapOrderEndpoints();
api.MapPaymentEndpoints();
api.MapRefundEndpoints();
api.MapWebhookEndpoints();
api.MapDeadLetterEndpoints();

app.Run();
