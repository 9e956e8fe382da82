using Ecommerce.Domain;
using Ecommerce.Domain.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<EcommerceDbContext>(ConnectionNames.Database);
builder.AddRabbitMQClient(ConnectionNames.Messaging);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
