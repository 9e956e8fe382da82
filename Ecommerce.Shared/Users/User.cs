namespace Ecommerce.Shared.Users;

[Table("users")]
[Index(nameof(NormalizedUsername), IsUnique = true)]
public sealed class User
{
    public int Id { get; set; }
    [MaxLength(50)] public required string Username { get; set; }

    /// <summary>The username in lower case: uniqueness and sign-in ignore case, so "Alice" cannot shadow "alice".</summary>
    [MaxLength(50)] public required string NormalizedUsername { get; set; }

    [MaxLength(254)] public string? Email { get; set; }
    [MaxLength(200)] public string? FullName { get; set; }
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
