using Microsoft.EntityFrameworkCore.Design;

namespace Ecommerce.Shared.Data;

/// <summary>Lets <c>dotnet ef migrations add</c>, and tests of the mapping, build the model without a running database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EcommerceDbContext>
{
    public EcommerceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EcommerceDbContext>()
            .UseNpgsql("Host=localhost;Database=ecommerce")
            .UseSnakeCaseNamingConvention()
            .Options);
}
