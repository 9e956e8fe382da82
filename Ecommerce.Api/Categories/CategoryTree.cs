using System.Runtime.CompilerServices;
using Ecommerce.Api.Products;
using Ecommerce.Shared.Categories;
using ZiggyCreatures.Caching.Fusion;

namespace Ecommerce.Api.Categories;

/// <summary>What a change to the tree came to; the HTTP layer alone turns it into an answer.</summary>
public enum TreeChange
{
    Saved,
    NotFound,
    UnknownParent,
    Cycle,
    TooDeep,
    DuplicateSlug,
    InUse,
}

/// <summary>
/// The catalog's category tree. Changes to it take one transaction-scoped advisory lock, so that two moves that are
/// each valid alone cannot together make a cycle or a sixth level. Reads are cached with the catalog and invalidated
/// with it: a category's name is part of its products' search vectors, and a product filter reads the tree.
/// </summary>
public sealed class CategoryTree(EcommerceDbContext db, IServiceScopeFactory scopes, IFusionCache cache, CatalogInvalidation invalidation)
{
    private const long TreeLock = 0x6361_7465_676f_7279; // "category"

    public ValueTask<List<CategoryResponse>> ListAsync(CancellationToken cancellationToken) =>
        cache.GetOrSetAsync<List<CategoryResponse>>(
            "categories",
            (_, token) => scopes.ReadAsync(async (reader, ct) => await reader.Categories.AsNoTracking()
                .OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Select(c => CategoryResponse.From(c))
                .ToListAsync(ct), token),
            token: cancellationToken);

    public async ValueTask<CategoryResponse?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Find(c => c.Id == id);

    /// <summary>The category that a product filter names by id or by slug; null when there is none.</summary>
    public async ValueTask<CategoryResponse?> ResolveAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        var categories = await ListAsync(cancellationToken);
        return int.TryParse(idOrSlug, out var id) && id > 0
            ? categories.Find(c => c.Id == id)
            : categories.Find(c => c.Slug == idOrSlug);
    }

    /// <summary>The category and every category below it.</summary>
    public static IQueryable<int> SubtreeOf(EcommerceDbContext db, int categoryId) =>
        db.Database.SqlQuery<int>(Subtree(categoryId, """SELECT id AS "Value" FROM subtree"""));

    public Task<(TreeChange Change, Category? Category)> CreateAsync(CategoryRequest request, DateTime now, CancellationToken cancellationToken) =>
        ChangeAsync(async token =>
        {
            if (await PlacementProblemAsync(null, request.ParentId, token) is { } problem)
            {
                return (problem, null);
            }

            var category = new Category { Name = request.Name!.Trim(), Slug = request.Slug!, ParentId = request.ParentId, CreatedAt = now };
            db.Categories.Add(category);
            await db.SaveChangesAsync(token);
            return (TreeChange.Saved, category);
        }, cancellationToken);

    public Task<(TreeChange Change, Category? Category)> ReplaceAsync(int id, CategoryRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(async token =>
        {
            if (await db.Categories.FindAsync([id], token) is not { } category)
            {
                return (TreeChange.NotFound, null);
            }

            if (await PlacementProblemAsync(id, request.ParentId, token) is { } problem)
            {
                return (problem, null);
            }

            category.Name = request.Name!.Trim();
            category.Slug = request.Slug!;
            category.ParentId = request.ParentId;
            await db.SaveChangesAsync(token);
            return (TreeChange.Saved, category);
        }, cancellationToken);

    /// <summary>Deletes a category that no product of the catalog and no other category names. Products that left the
    /// catalog let go of it first.</summary>
    public async Task<TreeChange> DeleteAsync(int id, CancellationToken cancellationToken) =>
        (await ChangeAsync(async token =>
        {
            if (!await db.Categories.AnyAsync(c => c.Id == id, token))
            {
                return (TreeChange.NotFound, null);
            }

            if (await db.Categories.AnyAsync(c => c.ParentId == id, token) || await db.Products.AnyAsync(p => p.CategoryId == id, token))
            {
                return (TreeChange.InUse, null);
            }

            await db.Products.IgnoreQueryFilters().Where(p => p.CategoryId == id && p.DeletedAt != null)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.CategoryId, (int?)null), token);
            await db.Categories.Where(c => c.Id == id).ExecuteDeleteAsync(token);
            return (TreeChange.Saved, null);
        }, cancellationToken)).Item1;

    /// <summary>Why <paramref name="categoryId"/> (null for a new one) cannot sit under <paramref name="parentId"/>.</summary>
    private async Task<TreeChange?> PlacementProblemAsync(int? categoryId, int? parentId, CancellationToken cancellationToken)
    {
        if (parentId is not { } parent)
        {
            return categoryId is { } id && await HeightAsync(id, cancellationToken) > Category.MaxDepth ? TreeChange.TooDeep : null;
        }

        var ancestors = await db.Database.SqlQuery<int>($"""
            WITH RECURSIVE ancestry AS (
                SELECT id, parent_id, 1 AS depth FROM categories WHERE id = {parent}
                UNION ALL
                SELECT c.id, c.parent_id, a.depth + 1 FROM categories c JOIN ancestry a ON c.id = a.parent_id WHERE a.depth <= {Category.MaxDepth})
            SELECT id AS "Value" FROM ancestry
            """).ToListAsync(cancellationToken);
        if (ancestors.Count == 0)
        {
            return TreeChange.UnknownParent;
        }

        if (categoryId is { } self && ancestors.Contains(self))
        {
            return TreeChange.Cycle;
        }

        var height = categoryId is { } moved ? await HeightAsync(moved, cancellationToken) : 1;
        return ancestors.Count + height > Category.MaxDepth ? TreeChange.TooDeep : null;
    }

    /// <summary>How many levels the subtree under <paramref name="categoryId"/> spans, itself included.</summary>
    private Task<int> HeightAsync(int categoryId, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>(Subtree(categoryId, """SELECT max(level) AS "Value" FROM subtree""")).SingleAsync(cancellationToken);

    /// <summary>A query over <c>subtree(id, level)</c>: the category at level 1 and what lies below it, one level past
    /// the deepest a tree may be, so that a subtree too deep shows.</summary>
    private static FormattableString Subtree(int categoryId, string select) => FormattableStringFactory.Create(
        $$"""
        WITH RECURSIVE subtree AS (
            SELECT id, 1 AS level FROM categories WHERE id = {0}
            UNION ALL
            SELECT c.id, s.level + 1 FROM categories c JOIN subtree s ON c.parent_id = s.id WHERE s.level <= {{Category.MaxDepth}})
        {{select}}
        """, categoryId);

    private async Task<(TreeChange Change, Category? Category)> ChangeAsync(
        Func<CancellationToken, Task<(TreeChange, Category?)>> change, CancellationToken cancellationToken)
    {
        try
        {
            var result = await db.InTransactionAsync(async token =>
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({TreeLock})", token);
                return await change(token);
            }, cancellationToken);
            await invalidation.InvalidateAsync();
            return result;
        }
        catch (Exception exception) when (exception.IsUniqueViolation())
        {
            return (TreeChange.DuplicateSlug, null);
        }
        catch (Exception exception) when (exception.IsForeignKeyViolation())
        {
            return (TreeChange.InUse, null);
        }
    }
}
