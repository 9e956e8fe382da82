using Ecommerce.Shared.Products;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecommerce.Shared.Data.Migrations
{
    /// <inheritdoc />
    public partial class SkuSearchStemmed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ProductSearch.FunctionSql);
            migrationBuilder.Sql(ProductSearch.RewriteVectorsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ProductSearch.UnstemmedSkuFunctionSql);
            migrationBuilder.Sql(ProductSearch.RewriteVectorsSql);
        }
    }
}
