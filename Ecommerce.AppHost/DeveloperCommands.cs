using System.Globalization;
using System.Net.Http.Json;
using Ecommerce.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace Ecommerce.AppHost;

/// <summary>Dashboard commands on the api resource for a developer's machine: start over with an empty database, and
/// fill the catalog with demo products. Only in Development; neither exists in a deployment.</summary>
public static class DeveloperCommands
{
    public static IResourceBuilder<ProjectResource> WithDeveloperCommands(
        this IResourceBuilder<ProjectResource> api,
        IResourceBuilder<IResourceWithConnectionString> database,
        IResourceBuilder<IResourceWithConnectionString> cache,
        IResourceBuilder<ParameterResource> adminUsername,
        IResourceBuilder<ParameterResource> adminPassword,
        string[] servicesToRestart) =>
        api
            .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/scalar", DisplayText = "API reference" })
            .WithCommand("reset-database", "Reset database", async context =>
            {
                await using (var connection = new NpgsqlConnection(await database.Resource.GetConnectionStringAsync(context.CancellationToken)))
                {
                    await connection.OpenAsync(context.CancellationToken);
                    await using var drop = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
                    await drop.ExecuteNonQueryAsync(context.CancellationToken);
                }

                await using (var redis = await ConnectionMultiplexer.ConnectAsync(
                    await cache.Resource.GetConnectionStringAsync(context.CancellationToken) + ",allowAdmin=true"))
                {
                    await redis.GetServer(redis.GetEndPoints().Single()).FlushDatabaseAsync();
                }

                // The API applies the schema again as it starts; the workers start over with it.
                var commands = context.Services.GetRequiredService<ResourceCommandService>();
                foreach (var service in servicesToRestart)
                {
                    var restarted = await commands.ExecuteCommandAsync(service, KnownResourceCommands.RestartCommand, context.CancellationToken);
                    if (!restarted.Success)
                    {
                        return restarted;
                    }
                }

                return CommandResults.Success();
            }, new CommandOptions
            {
                Description = "Drops every table and cached entry, then restarts the services, which create the schema anew",
                ConfirmationMessage = "Delete every product, user, order and payment?",
                IconName = "DatabaseArrowDown",
            })
            .WithCommand("seed-demo-catalog", "Seed demo catalog", async context =>
            {
                using var http = new HttpClient { BaseAddress = new Uri(api.GetEndpoint("http").Url) };
                var login = await http.PostAsJsonAsync("/users/login", new
                {
                    username = await adminUsername.Resource.GetValueAsync(context.CancellationToken),
                    password = await adminPassword.Resource.GetValueAsync(context.CancellationToken),
                }, context.CancellationToken);
                if (!login.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"The admin could not sign in: {(int)login.StatusCode}");
                }

                var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, object>>(context.CancellationToken))!["access_token"].ToString();
                http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                foreach (var product in DemoCatalog.Products())
                {
                    var created = await http.PostAsJsonAsync("/products", product, context.CancellationToken);
                    if (!created.IsSuccessStatusCode)
                    {
                        return CommandResults.Failure($"Adding {product.Name} answered {(int)created.StatusCode}");
                    }
                }

                return CommandResults.Success();
            }, new CommandOptions
            {
                Description = "Adds a few dozen demo products through the API",
                IconName = "BoxMultipleArrowRight",
            });
}

/// <summary>A small, plausible catalog, the same every time.</summary>
public static class DemoCatalog
{
    private static readonly (string Material, decimal Factor)[] Materials =
        [("Oak", 1.0m), ("Walnut", 1.4m), ("Birch", 0.8m), ("Steel", 1.2m), ("Bamboo", 0.7m), ("Ash", 0.9m)];

    private static readonly (string Item, decimal Price)[] Items =
        [("desk", 349m), ("chair", 189m), ("bookshelf", 229m), ("side table", 89m), ("lamp", 59m), ("bench", 149m), ("stool", 69m)];

    public static IEnumerable<DemoProduct> Products() =>
        from material in Materials
        from item in Items
        select new DemoProduct(
            $"{material.Material} {item.Item}",
            $"A {item.Item} in {material.Material.ToLower(CultureInfo.InvariantCulture)}.",
            decimal.Round(item.Price * material.Factor, 2) - 0.01m,
            (material.Material.Length * 7 + item.Item.Length * 3) % 40 + 5);
}

/// <summary>A product as <c>POST /products</c> takes it (its properties are single words, the same in camelCase and snake_case).</summary>
public sealed record DemoProduct(string Name, string Description, decimal Price, int Stock);
