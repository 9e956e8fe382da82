using Ecommerce.Api.Categories;
using Ecommerce.Shared.Products;

namespace Ecommerce.Api.Products;

public static class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder routes)
    {
        var products = routes.MapGroup("/products").WithTags("Products");

        products.MapGet("/", ListProducts).Validates<ProductListQuery>("query").WithSummary("Search and page through the catalog");
        products.MapGet("/{product_id}", GetProduct).WithSummary("One product");
        products.MapPost("/", CreateProduct).Validates<ProductRequest>().AdminOnly().WithSummary("Add a product (admin)");
        products.MapPut("/{product_id}", ReplaceProduct).Validates<ProductRequest>().AdminOnly().WithSummary("Replace a product (admin)");
        products.MapDelete("/{product_id}", DeleteProduct).AdminOnly()
            .WithSummary("Remove a product from the catalog (admin); orders keep their items");

        return routes;
    }

    public static async Task<Results<PageResult<ProductResponse>, JsonHttpResult<ErrorEnvelope>>> ListProducts(
        [AsParameters] ProductListQuery query, ProductCatalog catalog, CategoryTree tree, CancellationToken cancellationToken)
    {
        int? categoryId = null;
        if (query.Category is { } named)
        {
            if (await tree.ResolveAsync(named, cancellationToken) is not { } category)
            {
                return ApiResults.Validation([new FieldError(["query", "category"], $"Category '{named}' does not exist.", "not_found")]);
            }

            categoryId = category.Id;
        }

        var page = await catalog.ListAsync(query, categoryId, cancellationToken);
        return new PageResult<ProductResponse>(page.Items, page.TotalCount);
    }

    public static async Task<Results<Ok<ProductResponse>, JsonHttpResult<ErrorEnvelope>>> GetProduct(
        int product_id, ProductCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(product_id, cancellationToken) is { } product
            ? TypedResults.Ok(product)
            : ApiResults.NotFound("Product not found");

    public static async Task<Results<Created<ProductResponse>, JsonHttpResult<ErrorEnvelope>>> CreateProduct(
        ProductRequest request, EcommerceDbContext db, ProductCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowForDatabase();
        var product = new Product { Name = request.Name!, CreatedAt = now };
        Apply(request, product, now);
        db.Products.Add(product);
        return await SaveAsync(request, db, catalog, cancellationToken) is { } refusal
            ? refusal
            : TypedResults.Created($"/products/{product.Id}", ProductResponse.From(product));
    }

    public static async Task<Results<Ok<ProductResponse>, JsonHttpResult<ErrorEnvelope>>> ReplaceProduct(
        int product_id, ProductRequest request, EcommerceDbContext db, ProductCatalog catalog, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await db.Products.FindAsync([product_id], cancellationToken) is not { DeletedAt: null } product)
        {
            return ApiResults.NotFound("Product not found");
        }

        Apply(request, product, clock.UtcNowForDatabase());
        return await SaveAsync(request, db, catalog, cancellationToken) is { } refusal ? refusal : TypedResults.Ok(ProductResponse.From(product));
    }

    public static async Task<Results<NoContent, JsonHttpResult<ErrorEnvelope>>> DeleteProduct(
        int product_id, EcommerceDbContext db, ProductCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Products.FindAsync([product_id], cancellationToken) is not { DeletedAt: null } product)
        {
            return ApiResults.NotFound("Product not found");
        }

        product.DeletedAt = clock.UtcNowForDatabase();
        await db.SaveChangesAsync(cancellationToken);
        await catalog.InvalidateAsync();
        return TypedResults.NoContent();
    }

    private static void Apply(ProductRequest request, Product product, DateTime now)
    {
        product.Name = request.Name!.Trim();
        product.Description = request.Description;
        product.Price = request.Price!.Value;
        product.Stock = request.Stock ?? 0;
        product.Sku = request.Sku;
        product.CategoryId = request.CategoryId;
        product.ImageUrl = request.ImageUrl;
        product.UpdatedAt = now;
    }

    /// <summary>Saves a created or replaced product and makes it visible to the next read; or the refusal when its
    /// category does not exist (the foreign key says so, in the same round trip) or another product has its SKU.</summary>
    private static async Task<JsonHttpResult<ErrorEnvelope>?> SaveAsync(
        ProductRequest request, EcommerceDbContext db, ProductCatalog catalog, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return ApiResults.Conflict($"A product with the SKU '{request.Sku}' already exists");
        }
        catch (DbUpdateException exception) when (exception.IsForeignKeyViolation())
        {
            return ApiResults.Validation(
                [new FieldError(["body", "category_id"], $"Category {request.CategoryId} does not exist.", "not_found")]);
        }

        await catalog.InvalidateAsync();
        return null;
    }
}
