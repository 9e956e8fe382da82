namespace Ecommerce.Shared.Products;

/// <summary>
/// Full-text search over the catalog. Each product keeps a stored <c>tsvector</c> (indexed with GIN) that triggers of
/// the schema write whenever its name, description, SKU or category changes, and whenever its category is renamed;
/// stock changes, which every order makes, do not touch it. Words are reduced to their stems by the text-search
/// configuration, and the weights rank a match in the name or SKU above one in the category, above one in the
/// description.
/// </summary>
public static class ProductSearch
{
    /// <summary>The text-search configuration of both the stored vectors and the queries.</summary>
    public const string Configuration = "english";

    /// <summary>Lower-cased, because <c>unique</c> among products is case-insensitive for SKUs.</summary>
    public const string SkuIndexSql = """
        CREATE UNIQUE INDEX ix_products_sku_lower ON products (lower(sku)) WHERE deleted_at IS NULL AND sku IS NOT NULL
        """;

    /// <summary>The function that writes a product's vector. SKUs go through the same configuration as the queries, so
    /// that a query's stemmed words meet them.</summary>
    public static readonly string FunctionSql = VectorFunctionSql(skuConfiguration: Configuration);

    /// <summary>The first version of <see cref="FunctionSql"/>, kept for the migrations: it read SKUs without stemming,
    /// so a SKU whose last part the query's stemmer shortened was not found.</summary>
    public static readonly string UnstemmedSkuFunctionSql = VectorFunctionSql(skuConfiguration: "simple");

    /// <summary>Writes every product's vector again after <see cref="FunctionSql"/> changed.</summary>
    public const string RewriteVectorsSql = "UPDATE products SET name = name;";

    /// <summary>The triggers, as the first migration of the catalog structure created them.</summary>
    public static readonly string CreateSql = UnstemmedSkuFunctionSql + """

        CREATE TRIGGER products_search_vector
            BEFORE INSERT OR UPDATE OF name, description, sku, category_id ON products
            FOR EACH ROW EXECUTE FUNCTION products_search_vector();

        CREATE FUNCTION categories_renamed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE products SET category_id = category_id WHERE category_id = NEW.id;
            RETURN NULL;
        END
        $$;

        CREATE TRIGGER categories_renamed
            AFTER UPDATE OF name ON categories
            FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION categories_renamed();
        """ + RewriteVectorsSql;

    public const string DropSql = """
        DROP TRIGGER categories_renamed ON categories;
        DROP FUNCTION categories_renamed();
        DROP TRIGGER products_search_vector ON products;
        DROP FUNCTION products_search_vector();
        """;

    private static string VectorFunctionSql(string skuConfiguration) => $$"""
        CREATE OR REPLACE FUNCTION products_search_vector() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_vector :=
                setweight(to_tsvector('{{Configuration}}', coalesce(NEW.name, '')), 'A') ||
                setweight(to_tsvector('{{skuConfiguration}}', coalesce(NEW.sku, '')), 'A') ||
                setweight(to_tsvector('{{Configuration}}',
                    coalesce((SELECT c.name FROM categories c WHERE c.id = NEW.category_id), '')), 'B') ||
                setweight(to_tsvector('{{Configuration}}', coalesce(NEW.description, '')), 'C');
            RETURN NEW;
        END
        $$;
        """;
}
