using Ecommerce.Shared.Users;

namespace Ecommerce.Api.Users;

public sealed record CreateUserRequest(string? Username, string? Password, string? Email, string? FullName);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record UserResponse(int Id, string Username, string? Email, string? FullName, UserRole Role, DateTime CreatedAt)
{
    public static UserResponse From(User user) =>
        new(user.Id, user.Username, user.Email, user.FullName, user.Role, user.CreatedAt);
}

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

internal static class UserRules
{
    public static IRuleBuilderOptions<T, string?> UsernameCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        // \A and \z, not ^ and $: "$" also matches before a final newline, which let "admin\n" through.
        rule.Matches(@"\A[A-Za-z0-9_.-]+\z").WithMessage("'username' may hold only letters, digits, '_', '.' and '-'.");
}

public sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().Length(3, 50).UsernameCharacters();
        RuleFor(r => r.Password).NotEmpty().Length(8, 128);
        RuleFor(r => r.Email).MaximumLength(254).EmailAddress().StorableText().When(r => !string.IsNullOrEmpty(r.Email));
        RuleFor(r => r.FullName).MaximumLength(200).StorableText();
    }
}

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().MaximumLength(50).UsernameCharacters();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(128);
    }
}
