using Ecommerce.Domain;
using Ecommerce.Domain.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<EcommerceDbContext>(ConnectionNames.Database);
builder.AddRedisClient(ConnectionNames.Cache);
builder.AddRabbitMQClient(ConnectionNames.Messaging);

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => TypedResults.Ok(new { message = "Welcome to the E-Commerce Platform API", version = "1.0.0" }));
app.Run();
