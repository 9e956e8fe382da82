using Ecommerce.Shared.Users;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Api.Users;

/// <summary>A registration's outcome: the new user, the answer for a full hashing queue, or neither (the name is taken).</summary>
public sealed record Registration(UserResponse? User, RetryAfterResult? Busy);

/// <summary>Registration and sign-in: every password hash goes through <see cref="PasswordHashing"/>, and every sign-in
/// through the <see cref="LoginThrottle"/> first.</summary>
public sealed class AccountService(
    EcommerceDbContext db,
    IPasswordHasher<User> passwordHasher,
    PasswordHashing hashing,
    TokenIssuer tokens,
    LoginThrottle throttle,
    TimeProvider clock)
{
    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>A hash to verify against when the username is unknown, so that the answer takes as long either way.</summary>
    private static readonly Lazy<string> UnknownUserHash =
        new(() => new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString()));

    public static JsonHttpResult<ErrorEnvelope> DuplicateUsername() => ApiResults.Conflict("Username already registered");

    /// <summary>Creates a customer. The unique index decides, so concurrent registrations of one name cannot both
    /// succeed.</summary>
    public async Task<Registration> RegisterAsync(CreateUserRequest request, CancellationToken cancellationToken)
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
        if (hashing.TryRun(() => passwordHasher.HashPassword(user, request.Password!)) is not { } hash)
        {
            return new Registration(null, Busy("registrations"));
        }

        try
        {
            user.PasswordHash = await hash;
        }
        catch (HashingTimeoutException)
        {
            return new Registration(null, Busy("registrations"));
        }

        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            return new Registration(null, null);
        }

        return new Registration(UserResponse.From(user), null);
    }

    public async Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorEnvelope>, RetryAfterResult>> SignInAsync(
        LoginRequest request, CancellationToken cancellationToken)
    {
        // Refused before the throttle and the user's lookup, so that a flood costs as little as possible.
        if (hashing.IsFull)
        {
            return Busy("sign-ins");
        }

        var normalized = User.Normalize(request.Username!);
        var admission = await throttle.AdmitAsync(normalized);
        if (admission.ThrottleUnavailable)
        {
            return new RetryAfterResult("Sign-in is unavailable for a moment; try again shortly", admission.RetryAfter,
                StatusCodes.Status503ServiceUnavailable);
        }

        if (!admission.Admitted)
        {
            return new RetryAfterResult("Too many failed sign-ins for this username; try again later", admission.RetryAfter);
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUsername == normalized, cancellationToken);
        var verification = hashing.TryRun(() =>
            passwordHasher.VerifyHashedPassword(user!, user?.PasswordHash ?? UnknownUserHash.Value, request.Password!));
        if (verification is null)
        {
            return Busy("sign-ins");
        }

        PasswordVerificationResult verdict;
        try
        {
            // Awaited for unknown users too, so that they are answered as late as known ones.
            verdict = await verification;
        }
        catch (HashingTimeoutException)
        {
            return Busy("sign-ins");
        }

        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            return ApiResults.Unauthorized("Incorrect username or password");
        }

        await throttle.ResetAsync(normalized);
        return TypedResults.Ok(tokens.Issue(user));
    }

    private static RetryAfterResult Busy(string what) => new($"Too many {what} in progress; try again shortly", BusyRetryAfter);
}
