using Ecommerce.AppHost;
using Ecommerce.AppHost.Infrastructure;
using Ecommerce.Shared;
using Microsoft.Extensions.Hosting;

var builder = DistributedApplication.CreateBuilder(args).RestrictDashboardHosts();

// PostgreSQL, Redis and RabbitMQ: containers where a runtime answers (and on azd), local packages where none does.
var (database, cache, messaging) = builder.AddEcommerceInfrastructure();

var jwtSigningKey = builder.AddGeneratedSecret("jwt-signing-key");
var adminUsername = builder.AddParameter("admin-username");
var adminPassword = builder.AddGeneratedSecret("admin-password");

var api = builder.AddProject<Projects.Ecommerce_Api>("api")
    .WithReference(database, ConnectionNames.Database).WaitFor(database)
    .WithReference(cache, ConnectionNames.Cache).WaitFor(cache)
    .WithReference(messaging, ConnectionNames.Messaging).WaitFor(messaging)
    .WithEnvironment("Jwt__SigningKey", jwtSigningKey)
    .WithEnvironment("Admin__Username", adminUsername)
    .WithEnvironment("Admin__Password", adminPassword)
    .WithEnvironmentOf(builder.Environment)
    .WithSettingsFrom(builder.Configuration, ["PasswordHashing", "Webhooks", "Seed", "Consumer"])
    .WithTraceSampling(builder.Configuration)
    .WithReplicasFrom(builder.Configuration)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithRequeueDeadLettersCommand(messaging);

AddWorker<Projects.Ecommerce_OrderConsumer>("order-consumer", "Orders", "Events", "Idempotency", "Webhooks", "Consumer");
AddWorker<Projects.Ecommerce_PaymentWorker>("payment-worker", "PaymentGateway", "Consumer");

if (builder.Environment.IsDevelopment())
{
    // A link to the API reference, and dashboard commands to reset the database and to seed a demo catalog.
    api.WithDeveloperCommands(database, cache, adminUsername, adminPassword, ["api", "order-consumer", "payment-worker"]);
}

builder.Build().Run();

// A worker uses the database and the broker, and starts once the API has applied the schema.
void AddWorker<TProject>(string name, params string[] settingsSections) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name)
        .WithReference(database, ConnectionNames.Database)
        .WithReference(messaging, ConnectionNames.Messaging)
        .WaitFor(api)
        .WithSettingsFrom(builder.Configuration, settingsSections)
        .WithEnvironmentOf(builder.Environment)
        .WithTraceSampling(builder.Configuration)
        .WithReplicasFrom(builder.Configuration)
        .WithHttpHealthCheck("/health")
        .WithRequeueDeadLettersCommand(messaging);
