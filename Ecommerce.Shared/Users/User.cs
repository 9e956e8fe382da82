namespace Ecommerce.Shared.Users;

public sealed class User
{
    public int Id { get; set; }
    public required string Username { get; set; }

    /// <summary>The username in lower case: uniqueness and sign-in ignore case, so "Alice" cannot shadow "alice".</summary>
    public required string NormalizedUsername { get; set; }

    public string? Email { get; set; }
    public string? FullName { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; } = UserRole.Customer;
    public DateTime CreatedAt { get; set; }

    public static string Normalize(string username) => username.ToLowerInvariant();
}

public enum UserRole
{
    Customer,
    Admin,
}
