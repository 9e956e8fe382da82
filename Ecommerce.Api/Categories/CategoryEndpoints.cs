using Ecommerce.Shared.Categories;

namespace Ecommerce.Api.Categories;

public static class CategoryEndpoints
{
    private const string NotFoundMessage = "Category not found";

    public static IEndpointRouteBuilder MapCategoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var categories = routes.MapGroup("/categories").WithTags("Categories");

        categories.MapGet("/", ListCategories).WithSummary("Every category, by name; build the tree from parent_id");
        categories.MapGet("/{category_id}", GetCategory).WithSummary("One category");
        categories.MapPost("/", CreateCategory).Validates<CategoryRequest>().AdminOnly().WithSummary("Add a category (admin)");
        categories.MapPut("/{category_id}", ReplaceCategory).Validates<CategoryRequest>().AdminOnly()
            .WithSummary("Rename or move a category (admin)");
        categories.MapDelete("/{category_id}", DeleteCategory).AdminOnly()
            .WithSummary("Remove a category that holds no products and no categories (admin)");

        return routes;
    }

    public static async Task<Ok<List<CategoryResponse>>> ListCategories(CategoryTree tree, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tree.ListAsync(cancellationToken));

    public static async Task<Results<Ok<CategoryResponse>, JsonHttpResult<ErrorEnvelope>>> GetCategory(
        int category_id, CategoryTree tree, CancellationToken cancellationToken) =>
        await tree.FindAsync(category_id, cancellationToken) is { } category
            ? TypedResults.Ok(category)
            : ApiResults.NotFound(NotFoundMessage);

    public static async Task<Results<Created<CategoryResponse>, JsonHttpResult<ErrorEnvelope>>> CreateCategory(
        CategoryRequest request, CategoryTree tree, TimeProvider clock, CancellationToken cancellationToken) =>
        await tree.CreateAsync(request, clock.UtcNowForDatabase(), cancellationToken) switch
        {
            (TreeChange.Saved, { } category) => TypedResults.Created($"/categories/{category.Id}", CategoryResponse.From(category)),
            var (refused, _) => Refusal(refused, request),
        };

    public static async Task<Results<Ok<CategoryResponse>, JsonHttpResult<ErrorEnvelope>>> ReplaceCategory(
        int category_id, CategoryRequest request, CategoryTree tree, CancellationToken cancellationToken) =>
        await tree.ReplaceAsync(category_id, request, cancellationToken) switch
        {
            (TreeChange.Saved, { } category) => TypedResults.Ok(CategoryResponse.From(category)),
            var (refused, _) => Refusal(refused, request),
        };

    public static async Task<Results<NoContent, JsonHttpResult<ErrorEnvelope>>> DeleteCategory(
        int category_id, CategoryTree tree, CancellationToken cancellationToken) =>
        await tree.DeleteAsync(category_id, cancellationToken) switch
        {
            TreeChange.Saved => TypedResults.NoContent(),
            var refused => Refusal(refused, null),
        };

    private static JsonHttpResult<ErrorEnvelope> Refusal(TreeChange refusal, CategoryRequest? request) => refusal switch
    {
        TreeChange.NotFound => ApiResults.NotFound(NotFoundMessage),
        TreeChange.UnknownParent => ParentError($"Category {request?.ParentId} does not exist.", "not_found"),
        TreeChange.Cycle => ParentError("A category cannot sit under itself or under one of its descendants.", "cycle"),
        TreeChange.TooDeep => ParentError($"Categories nest at most {Category.MaxDepth} levels deep.", "too_deep"),
        TreeChange.DuplicateSlug => ApiResults.Conflict($"A category with the slug '{request?.Slug}' already exists"),
        TreeChange.InUse => ApiResults.Conflict("The category still holds products or categories"),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
    };

    private static JsonHttpResult<ErrorEnvelope> ParentError(string message, string type) =>
        ApiResults.Validation([new FieldError(["body", "parent_id"], message, type)]);
}
