namespace Ecommerce.Shared.Products;

/// <summary>
/// <c>take_stock</c>, the one statement that takes stock for orders, as a PL/pgSQL function of the schema. Its rules:
/// <list type="number">
/// <item>products are taken one at a time by their key, in id order, so they are locked in the order every writer of
/// stock locks them (releasing stock does the same) and no two writers can deadlock;</item>
/// <item>a product is taken only if it is still in the catalog, still has the name and price the orders were given,
/// and has the stock: stock never goes negative and no order is priced from a stale read;</item>
/// <item>otherwise it raises <see cref="ProductsChangedOrShort"/>, and the transaction that saves the orders fails
/// with it, so nothing of the group is saved.</item>
/// </list>
/// It updates by key, not with one set-based statement: a cached PL/pgSQL plan is generic, and for a statement over
/// the arrays it assumed ten products and scanned the whole products table, dead versions included.
/// </summary>
public static class TakeStock
{
    /// <summary>The SQLSTATE that <c>take_stock</c> raises when a product changed or is short of stock.</summary>
    public const string ProductsChangedOrShort = "EC001";

    /// <summary>Takes the stock for arrays of product ids, quantities, names and prices.</summary>
    public const string Call = "SELECT take_stock($1, $2, $3, $4)";

    /// <summary>The function as the schema holds it now. A change to it is a new migration that runs this again, and
    /// whose <c>Down</c> restores the version it replaces.</summary>
    public const string CreateFunctionSql = $$"""
        CREATE OR REPLACE FUNCTION take_stock(product_ids integer[], quantities integer[], names text[], prices numeric[])
        RETURNS void
        LANGUAGE plpgsql AS $$
        DECLARE
            wanted record;
        BEGIN
            FOR wanted IN
                SELECT * FROM unnest(product_ids, quantities, names, prices) AS w(id, quantity, name, price) ORDER BY w.id
            LOOP
                UPDATE products SET stock = stock - wanted.quantity
                WHERE id = wanted.id AND deleted_at IS NULL AND name = wanted.name AND price = wanted.price
                    AND stock >= wanted.quantity;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'products changed or short of stock' USING ERRCODE = '{{ProductsChangedOrShort}}';
                END IF;
            END LOOP;
        END
        $$;
        """;
}
