using Ecommerce.Api.Http;
using Ecommerce.Api.Users;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Products;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Api.Products;

public static class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder routes)
    {
        var products = routes.MapGroup("/products").WithTags("Products");

        products.MapGet("/", async ([AsParameters] ProductListQuery query, ProductCatalog catalog, CancellationToken cancellationToken) =>
            {
                var page = await catalog.ListAsync(query, cancellationToken);
                return new PageResult<ProductResponse>(page.Items, page.TotalCount);
            })
            .Validates<ProductListQuery>("query")
            .WithName("ListProducts")
            .WithSummary("Search and page through the catalog");

        products.MapGet("/{product_id}", async Task<Results<Ok<ProductResponse>, JsonHttpResult<ErrorEnvelope>>> (
                int product_id, ProductCatalog catalog, CancellationToken cancellationToken) =>
                await catalog.FindAsync(product_id, cancellationToken) is { } product
                    ? TypedResults.Ok(product)
                    : ApiResults.NotFound("Product not found"))
            .WithName("GetProduct")
            .WithSummary("One product");

        var admin = products.MapGroup("/").RequireAuthorization(Authentication.AdminPolicy);

        admin.MapPost("/", async (ProductRequest request, EcommerceDbContext db, ProductCatalog catalog, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var now = clock.UtcNowForDatabase();
                var product = new Product { Name = request.Name!, CreatedAt = now };
                Apply(request, product, now);
                db.Products.Add(product);
                await db.SaveChangesAsync(cancellationToken);
                await catalog.InvalidateAsync();
                return TypedResults.Created($"/products/{product.Id}", ProductResponse.From(product));
            })
            .Validates<ProductRequest>()
            .WithName("CreateProduct")
            .WithSummary("Add a product (admin)");

        admin.MapPut("/{product_id}", async Task<Results<Ok<ProductResponse>, JsonHttpResult<ErrorEnvelope>>> (
                int product_id, ProductRequest request, EcommerceDbContext db, ProductCatalog catalog, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                if (await db.Products.FindAsync([product_id], cancellationToken) is not { DeletedAt: null } product)
                {
                    return ApiResults.NotFound("Product not found");
                }

                Apply(request, product, clock.UtcNowForDatabase());
                await db.SaveChangesAsync(cancellationToken);
                await catalog.InvalidateAsync();
                return TypedResults.Ok(ProductResponse.From(product));
            })
            .Validates<ProductRequest>()
            .WithName("ReplaceProduct")
            .WithSummary("Replace a product (admin)");

        admin.MapDelete("/{product_id}", async Task<Results<NoContent, JsonHttpResult<ErrorEnvelope>>> (
                int product_id, EcommerceDbContext db, ProductCatalog catalog, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                if (await db.Products.FindAsync([product_id], cancellationToken) is not { DeletedAt: null } product)
                {
                    return ApiResults.NotFound("Product not found");
                }

                product.DeletedAt = clock.UtcNowForDatabase();
                await db.SaveChangesAsync(cancellationToken);
                await catalog.InvalidateAsync();
                return TypedResults.NoContent();
            })
            .WithName("DeleteProduct")
            .WithSummary("Remove a product from the catalog (admin); orders keep their items");

        return routes;
    }

    private static void Apply(ProductRequest request, Product product, DateTime now)
    {
        product.Name = request.Name!.Trim();
        product.Description = request.Description;
        product.Price = request.Price!.Value;
        product.Stock = request.Stock ?? 0;
        product.UpdatedAt = now;
    }
}
