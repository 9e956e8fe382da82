using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Domain.Data;

public static class DatabaseRegistration
{
    /// <summary>The pooled <see cref="EcommerceDbContext"/> with Aspire's health check, retries and telemetry.</summary>
    public static IHostApplicationBuilder AddEcommerceDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EcommerceDbContext>(
            ConnectionNames.Database,
            configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
        return builder;
    }
}
