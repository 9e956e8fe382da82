using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Ecommerce.Shared;
using Ecommerce.Shared.Demo;
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
                return await SeedThroughApiAsync(http, context.CancellationToken);
            }, new CommandOptions
            {
                Description = "Adds the demo categories and products that are missing, through the API",
                IconName = "BoxMultipleArrowRight",
            });

    /// <summary>The demo catalog through the API, so that its caches learn of it; what exists already (409) is skipped.</summary>
    private static async Task<ExecuteCommandResult> SeedThroughApiAsync(HttpClient http, CancellationToken cancellationToken)
    {
        // Parents come before their children, so each child finds its parent's id here.
        var ids = await CategoryIdsAsync(http, cancellationToken);
        foreach (var category in DemoCatalog.Categories.Where(c => !ids.ContainsKey(c.Slug)))
        {
            var created = await http.PostAsJsonAsync("/categories", new
            {
                name = category.Name,
                slug = category.Slug,
                parent_id = category.ParentSlug is { } parent ? ids[parent] : (int?)null,
            }, cancellationToken);
            if (!created.IsSuccessStatusCode)
            {
                return CommandResults.Failure($"Adding the category {category.Slug} answered {(int)created.StatusCode}");
            }

            ids[category.Slug] = (await created.Content.ReadFromJsonAsync<CategoryIdentity>(cancellationToken))!.Id;
        }

        foreach (var product in DemoCatalog.Products)
        {
            var created = await http.PostAsJsonAsync("/products", new
            {
                name = product.Name,
                description = product.Description,
                price = product.Price,
                stock = product.Stock,
                sku = product.Sku,
                category_id = ids[product.CategorySlug],
                image_url = product.ImageUrl,
            }, cancellationToken);
            if (!created.IsSuccessStatusCode && created.StatusCode != HttpStatusCode.Conflict)
            {
                return CommandResults.Failure($"Adding {product.Name} answered {(int)created.StatusCode}");
            }
        }

        return CommandResults.Success();
    }

    private static async Task<Dictionary<string, int>> CategoryIdsAsync(HttpClient http, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<List<CategoryIdentity>>("/categories", cancellationToken))!.ToDictionary(c => c.Slug, c => c.Id);

    private sealed record CategoryIdentity(int Id, string Slug);
}
