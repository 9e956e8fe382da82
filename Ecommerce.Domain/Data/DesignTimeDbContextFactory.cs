using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ecommerce.Domain.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EcommerceDbContext>
{
    public EcommerceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EcommerceDbContext>()
            .UseNpgsql("Host=localhost;Database=ecommerce")
            .UseSnakeCaseNamingConvention()
            .Options);
}
