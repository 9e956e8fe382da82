namespace Ecommerce.Api.Users;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/users").WithTags("Users");

        users.MapPost("/", CreateUser).Validates<CreateUserRequest>().WithSummary("Create a customer account");
        users.MapPost("/register", RegisterUser).Validates<CreateUserRequest>()
            .WithSummary("Create a customer account (the old service's route, answering 200)");
        users.MapPost("/login", Login).Validates<LoginRequest>().WithSummary("Exchange a username and password for a bearer token");
        users.MapGet("/me", GetCurrentUser).RequireAuthorization().WithSummary("The signed-in user");
        users.MapGet("/{user_id}", GetUser).RequireAuthorization().WithSummary("A user's profile: your own, or anyone's for an admin");

        return routes;
    }

    public static async Task<Results<Created<UserResponse>, JsonHttpResult<ErrorEnvelope>, RetryAfterResult>> CreateUser(
        CreateUserRequest request, AccountService accounts, CancellationToken cancellationToken) =>
        await accounts.RegisterAsync(request, cancellationToken) switch
        {
            { User: { } user } => TypedResults.Created($"/users/{user.Id}", user),
            { Busy: { } busy } => busy,
            _ => AccountService.DuplicateUsername(),
        };

    /// <summary>The old service's route answers 200 instead of 201; its clients rely on that.</summary>
    public static async Task<Results<Ok<UserResponse>, JsonHttpResult<ErrorEnvelope>, RetryAfterResult>> RegisterUser(
        CreateUserRequest request, AccountService accounts, CancellationToken cancellationToken) =>
        await accounts.RegisterAsync(request, cancellationToken) switch
        {
            { User: { } user } => TypedResults.Ok(user),
            { Busy: { } busy } => busy,
            _ => AccountService.DuplicateUsername(),
        };

    public static Task<Results<Ok<TokenResponse>, JsonHttpResult<ErrorEnvelope>, RetryAfterResult>> Login(
        LoginRequest request, AccountService accounts, HttpContext context, CancellationToken cancellationToken)
    {
        // RFC 6749 §5.1: a response that carries a token must not be stored by any cache.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return accounts.SignInAsync(request, cancellationToken);
    }

    public static async Task<Results<Ok<UserResponse>, JsonHttpResult<ErrorEnvelope>>> GetCurrentUser(
        ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == principal.UserId(), cancellationToken) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : ApiResults.Unauthorized("The token's user no longer exists");

    public static async Task<Results<Ok<UserResponse>, JsonHttpResult<ErrorEnvelope>>> GetUser(
        int user_id, ClaimsPrincipal principal, EcommerceDbContext db, CancellationToken cancellationToken)
    {
        // A customer learns nothing about other accounts, not even whether they exist.
        if (!principal.IsAdmin() && principal.UserId() != user_id)
        {
            return ApiResults.Forbidden("You may only read your own profile");
        }

        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == user_id, cancellationToken) is { } user
            ? TypedResults.Ok(UserResponse.From(user))
            : ApiResults.NotFound("User not found");
    }
}
