using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Shared.Data.Migrations
{
    /// <inheritdoc />
    public partial class TakeStockFunction : Migration
    {
        // Takes stock for a group of orders in the statement that saves them: locks the products in id order, as
        // every writer of stock does, and takes the quantities only if each product still has the name and price
        // the orders were given, is in the catalog and has the stock; otherwise it fails with EC001 and the whole
        // transaction with it, so that nothing of the group is saved.
        internal const string CreateSql = """
            CREATE FUNCTION take_stock(product_ids integer[], quantities integer[], names text[], prices numeric[])
            RETURNS void
            LANGUAGE plpgsql AS $$
            DECLARE
                taken integer;
            BEGIN
                PERFORM 1 FROM products WHERE id = ANY(product_ids) ORDER BY id FOR UPDATE;
                UPDATE products AS p SET stock = p.stock - wanted.quantity
                FROM unnest(product_ids, quantities, names, prices) AS wanted(id, quantity, name, price)
                WHERE p.id = wanted.id AND p.deleted_at IS NULL AND p.name = wanted.name AND p.price = wanted.price
                    AND p.stock >= wanted.quantity;
                GET DIAGNOSTICS taken = ROW_COUNT;
                IF taken <> cardinality(product_ids) THEN
                    RAISE EXCEPTION 'products changed or short of stock' USING ERRCODE = 'EC001';
                END IF;
            END
            $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION take_stock(integer[], integer[], text[], numeric[]);");
        }
    }
}
