using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Data;

public static class DatabaseRegistration
{
    /// <summary>The pooled <see cref="EcommerceDbContext"/> with Aspire's health check, retries and telemetry, warmed up
    /// before the hosted services registered after it start.</summary>
    public static IHostApplicationBuilder AddEcommerceDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EcommerceDbContext>(
            ConnectionNames.Database,
            configureSettings: settings => settings.ConnectionString = WithStatementReuse(settings.ConnectionString),
            configureDbContextOptions: options => options.UseSnakeCaseNamingConvention());
        builder.Services.AddHostedService<DatabaseWarmUp>();
        return builder;
    }

    /// <summary>A group-commit writer is one instance: callers submit to it, and it runs its own write loop.</summary>
    public static IServiceCollection AddGroupCommitWriter<TWriter>(this IServiceCollection services)
        where TWriter : class, IHostedService
    {
        services.AddSingleton<TWriter>();
        return services.AddHostedService(provider => provider.GetRequiredService<TWriter>());
    }

    /// <summary>
    /// The same few statements run on every connection thousands of times, so PostgreSQL should parse and plan each
    /// once per connection (automatic preparation). Nothing here sets session state, so a pooled connection need not
    /// be reset with <c>DISCARD ALL</c>, which would also drop those prepared statements. The benchmark's Npgsql
    /// ceiling connects the same way.
    /// </summary>
    public static string? WithStatementReuse(string? connectionString) =>
        connectionString is null
            ? null
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 32, NoResetOnClose = true }.ConnectionString;
}
