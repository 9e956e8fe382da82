using Ecommerce.Domain;
using Ecommerce.Domain.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEcommerceDatabase();
builder.AddRabbitMQClient(ConnectionNames.Messaging);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
