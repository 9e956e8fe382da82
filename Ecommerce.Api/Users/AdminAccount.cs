using Ecommerce.Shared.Users;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Api.Users;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string Username { get; set; } = "admin";
    public string Password { get; set; } = "";
}

/// <summary>Makes the configured admin exist with the configured password, so a fresh system is usable at once and
/// a changed <c>admin-password</c> parameter takes effect on the next start.</summary>
public static class AdminAccount
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(AdminOptions.Section).Get<AdminOptions>()
            ?? new AdminOptions();
        if (options.Password.Length < 8)
        {
            throw new InvalidOperationException("Admin:Password must be configured with at least 8 characters (the AppHost's admin-password parameter).");
        }

        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var normalized = User.Normalize(options.Username);
        var admin = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        if (admin is null)
        {
            admin = new User
            {
                Username = options.Username,
                NormalizedUsername = normalized,
                PasswordHash = "",
                CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().UtcNowForDatabase(),
            };
            db.Users.Add(admin);
        }

        admin.Role = UserRole.Admin;
        if (admin.PasswordHash.Length == 0
            || hasher.VerifyHashedPassword(admin, admin.PasswordHash, options.Password) == PasswordVerificationResult.Failed)
        {
            admin.PasswordHash = hasher.HashPassword(admin, options.Password);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Another replica created the admin at the same moment; its row is as good as ours.
        }
    }
}
