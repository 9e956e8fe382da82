using Npgsql;

namespace Ecommerce.Shared.Demo;

/// <summary>
/// A small, plausible catalog for a developer's first minutes, the same every time: a tree of categories and a few
/// hundred products with SKUs, prices, stock and image URLs. It is written straight into the database by one
/// statement per table that skips what exists (by slug and by SKU), so seeding twice adds nothing. The API seeds it
/// at start in Development when the catalog is empty; the AppHost's dashboard command seeds it on demand. This file
/// is shared by both (the AppHost links it), so there is one catalog.
/// </summary>
public static class DemoCatalog
{
    public const string Setting = "Seed:Demo";

    /// <summary>Roots first, so that each category's parent exists before it.</summary>
    public static IReadOnlyList<DemoCategory> Categories { get; } =
    [
        new("Furniture", "furniture", null),
        new("Desks", "desks", "furniture"),
        new("Chairs", "chairs", "furniture"),
        new("Storage", "storage", "furniture"),
        new("Lighting", "lighting", null),
        new("Kitchen", "kitchen", null),
        new("Cookware", "cookware", "kitchen"),
        new("Tableware", "tableware", "kitchen"),
        new("Outdoors", "outdoors", null),
        new("Camping", "camping", "outdoors"),
        new("Garden", "garden", "outdoors"),
    ];

    private static readonly (string Item, string Category, decimal Price)[] Items =
    [
        ("desk", "desks", 349m), ("standing desk", "desks", 529m), ("corner desk", "desks", 289m),
        ("dining chair", "chairs", 129m), ("office chair", "chairs", 259m), ("lounge chair", "chairs", 399m), ("stool", "chairs", 69m),
        ("bookshelf", "storage", 229m), ("chest of drawers", "storage", 319m), ("wardrobe", "storage", 689m), ("shoe rack", "storage", 59m),
        ("floor lamp", "lighting", 119m), ("desk lamp", "lighting", 49m), ("pendant light", "lighting", 89m), ("lantern", "lighting", 39m),
        ("frying pan", "cookware", 45m), ("saucepan", "cookware", 39m), ("stock pot", "cookware", 79m), ("roasting tin", "cookware", 29m),
        ("dinner plate", "tableware", 12m), ("serving bowl", "tableware", 24m), ("mug", "tableware", 9m), ("tea pot", "tableware", 35m),
        ("tent", "camping", 219m), ("camping stove", "camping", 69m), ("sleeping mat", "camping", 49m), ("folding table", "camping", 79m),
        ("planter", "garden", 34m), ("garden bench", "garden", 249m), ("watering can", "garden", 19m), ("bird feeder", "garden", 25m),
    ];

    private static readonly (string Name, decimal Factor)[] Finishes =
    [
        ("Oak", 1.0m), ("Walnut", 1.4m), ("Birch", 0.8m), ("Steel", 1.2m), ("Bamboo", 0.7m), ("Ash", 0.9m), ("Copper", 1.5m),
        ("Slate", 1.1m), ("Linen", 0.85m),
    ];

    /// <summary>Every product of the catalog: each item in each finish.</summary>
    public static IReadOnlyList<DemoProduct> Products { get; } =
    [
        .. Items.SelectMany((item, i) => Finishes.Select((finish, f) => new DemoProduct(
            $"{finish.Name} {item.Item}",
            $"A {item.Item} in {finish.Name.ToLowerInvariant()}, made to last.",
            decimal.Round(item.Price * finish.Factor, 0) - 0.01m,
            (i * 7 + f * 11) % 45,
            $"DEMO-{i + 1:D2}{f + 1:D2}",
            item.Category,
            $"https://images.example.com/demo/{i + 1:D2}{f + 1:D2}.jpg"))),
    ];

    /// <summary>Adds what is missing of the catalog; with <paramref name="onlyIntoAnEmptyCatalog"/>, nothing at all once
    /// any product exists (so that a developer's own changes stay as they are).</summary>
    public static async Task SeedAsync(NpgsqlConnection connection, bool onlyIntoAnEmptyCatalog, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        var guard = onlyIntoAnEmptyCatalog ? "AND NOT EXISTS (SELECT 1 FROM products)" : "";
        // Roots first, then their children, so that each child finds its parent by slug.
        foreach (var level in new[] { "IS NULL", "IS NOT NULL" })
        {
            var categories = Categories.Where(c => level == "IS NULL" ? c.ParentSlug is null : c.ParentSlug is not null).ToArray();
            batch.BatchCommands.Add(Command($"""
                INSERT INTO categories (name, slug, parent_id, created_at)
                SELECT c.name, c.slug, p.id, now()
                FROM unnest($1::text[], $2::text[], $3::text[]) AS c(name, slug, parent_slug)
                LEFT JOIN categories p ON p.slug = c.parent_slug
                WHERE TRUE {guard}
                ON CONFLICT (slug) DO NOTHING
                """,
                categories.Select(c => c.Name).ToArray(), categories.Select(c => c.Slug).ToArray(), categories.Select(c => c.ParentSlug).ToArray()));
        }

        batch.BatchCommands.Add(Command($"""
            INSERT INTO products (name, description, price, stock, sku, category_id, image_url, created_at, updated_at)
            SELECT p.name, p.description, p.price, p.stock, p.sku, c.id, p.image_url, now(), now()
            FROM unnest($1::text[], $2::text[], $3::numeric[], $4::integer[], $5::text[], $6::text[], $7::text[])
                AS p(name, description, price, stock, sku, category_slug, image_url)
            JOIN categories c ON c.slug = p.category_slug
            WHERE NOT EXISTS (SELECT 1 FROM products e WHERE lower(e.sku) = lower(p.sku) AND e.deleted_at IS NULL) {guard}
            """,
            Products.Select(p => p.Name).ToArray(), Products.Select(p => p.Description).ToArray(), Products.Select(p => p.Price).ToArray(),
            Products.Select(p => p.Stock).ToArray(), Products.Select(p => p.Sku).ToArray(), Products.Select(p => p.CategorySlug).ToArray(),
            Products.Select(p => p.ImageUrl).ToArray()));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params Array[] columns)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var column in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = column });
        }

        return command;
    }
}

public sealed record DemoCategory(string Name, string Slug, string? ParentSlug);

/// <summary>One demo product, with the slug of its category.</summary>
public sealed record DemoProduct(
    string Name, string Description, decimal Price, int Stock, string Sku, string CategorySlug, string ImageUrl);
