using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Shared.Data.Migrations
{
    /// <inheritdoc />
    public partial class LargerOrderIdBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterSequence(
                name: "orders_hilo",
                incrementBy: 100,
                oldIncrementBy: 10);

            migrationBuilder.AlterSequence(
                name: "order_items_hilo",
                incrementBy: 100,
                oldIncrementBy: 10);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterSequence(
                name: "orders_hilo",
                incrementBy: 10,
                oldIncrementBy: 100);

            migrationBuilder.AlterSequence(
                name: "order_items_hilo",
                incrementBy: 10,
                oldIncrementBy: 100);
        }
    }
}
