using System.Security.Claims;
using Ecommerce.Api.Http;
using Ecommerce.Domain.Data;
using Ecommerce.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Api.Users;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/users").WithTags("Users");

        users.MapPost("/", async (CreateUserRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            await accounts.RegisterAsync(request, cancellationToken) is { } user
                ? (Results<Created<UserResponse>, JsonHttpResult<ErrorEnvelope>>)TypedResults.Created($"/users/{user.Id}", user)
                : AccountService.DuplicateUsername())
            .Validates<CreateUserRequest>()
            .WithName("CreateUser")
            .WithSummary("Create a customer account");

        // The old service's route answers 200 instead of 201; its clients rely on that.
        users.MapPost("/register", async (CreateUserRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            await accounts.RegisterAsync(request, cancellationToken) is { } user
                ? (Results<Ok<UserResponse>, JsonHttpResult<ErrorEnvelope>>)TypedResults.Ok(user)
                : AccountService.DuplicateUsername())
            .Validates<CreateUserRequest>()
            .WithName("RegisterUser")
            .WithSummary("Create a customer account (the old service's route)");

        users.MapPost("/login", (LoginRequest request, AccountService accounts, CancellationToken cancellationToken) =>
                accounts.SignInAsync(request, cancellationToken))
            .Validates<LoginRequest>()
            .WithName("Login")
            .WithSummary("Exchange a username and password for a bearer token");

        users.MapGet("/me", async Task<Results<Ok<UserResponse>, JsonHttpResult<ErrorEnvelope>>> (
                ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken) =>
                await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == principal.UserId(), cancellationToken) is { } user
                    ? TypedResults.Ok(UserResponse.From(user))
                    : ApiResults.Unauthorized("The token's user no longer exists"))
            .RequireAuthorization()
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user");

        users.MapGet("/{user_id}", async Task<Results<Ok<UserResponse>, JsonHttpResult<ErrorEnvelope>>> (
                int user_id, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken) =>
            {
                // A customer learns nothing about other accounts, not even whether they exist.
                if (!principal.IsAdmin() && principal.UserId() != user_id)
                {
                    return ApiResults.Forbidden("You may only read your own profile");
                }

                return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == user_id, cancellationToken) is { } user
                    ? TypedResults.Ok(UserResponse.From(user))
                    : ApiResults.NotFound("User not found");
            })
            .RequireAuthorization()
            .WithName("GetUser")
            .WithSummary("A user's profile: your own, or anyone's for an admin");

        return routes;
    }
}

public sealed class AccountService(
    EcommerceDbContext db,
    IPasswordHasher<User> passwordHasher,
    TokenIssuer tokens,
    LoginThrottle throttle,
    TimeProvider clock)
{
    /// <summary>A hash to verify against when the username is unknown, so that the answer takes as long either way.</summary>
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString()));

    public static JsonHttpResult<ErrorEnvelope> DuplicateUsername() => ApiResults.Conflict("Username already registered");

    /// <summary>Creates a customer; null when the username is taken. The unique index decides, so concurrent
    /// registrations of one name cannot both succeed.</summary>
    public async Task<UserResponse?> RegisterAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var user = new User
        {
            Username = request.Username!,
            NormalizedUsername = User.Normalize(request.Username!),
            Email = string.IsNullOrEmpty(request.Email) ? null : request.Email,
            FullName = request.FullName,
            PasswordHash = "",
            Role = UserRole.Customer,
            CreatedAt = clock.UtcNowForDatabase(),
        };
        user.PasswordHash = passwordHasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return null;
        }

        return UserResponse.From(user);
    }

    public async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorEnvelope>, RetryAfterResult>> SignInAsync(
        LoginRequest request, CancellationToken cancellationToken)
    {
        var normalized = User.Normalize(request.Username!);
        if (await throttle.RetryAfterAsync(normalized) is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            return new RetryAfterResult("Too many failed sign-ins for this username; try again later", seconds);
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        var verdict = passwordHasher.VerifyHashedPassword(user!, user?.PasswordHash ?? UnknownUserHash.Value, request.Password!);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(normalized);
            return ApiResults.Unauthorized("Incorrect username or password");
        }

        await throttle.ResetAsync(normalized);
        return TypedResults.Ok(tokens.Issue(user));
    }
}
