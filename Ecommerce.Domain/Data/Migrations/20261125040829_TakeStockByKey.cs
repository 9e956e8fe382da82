using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class TakeStockByKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The same checks, one product at a time by its key. A cached PL/pgSQL plan is generic: for a set-based
            // statement over the array it assumed ten products and scanned the whole products table, so every group
            // paid for each dead version that the stock updates leave until vacuum (bench/run.sh orders: after the
            // raw-Npgsql ceiling's updates the table had grown from 26 to 54 pages). Taking them in id order locks
            // them in the order every writer of stock does.
            migrationBuilder.Sql("""
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
                            RAISE EXCEPTION 'products changed or short of stock' USING ERRCODE = 'EC001';
                        END IF;
                    END LOOP;
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION take_stock(integer[], integer[], text[], numeric[]);");
            migrationBuilder.Sql(TakeStockFunction.CreateSql);
        }
    }
}
