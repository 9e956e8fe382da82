using System.Text;
using Ecommerce.Shared.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Api.Users;

public sealed class JwtOptions
{
    public const string Section = "Jwt";
    public const string Issuer = "ecommerce-api";
    public const string Audience = "ecommerce-clients";

    public string SigningKey { get; set; } = "";
    public int LifetimeMinutes { get; set; } = 60;

    public SymmetricSecurityKey SecurityKey => new(Encoding.UTF8.GetBytes(SigningKey));
}

public static class Authentication
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var jwt = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        if (Encoding.UTF8.GetByteCount(jwt.SigningKey) < 32)
        {
            throw new InvalidOperationException("Jwt:SigningKey must be configured with at least 32 bytes (the AppHost's jwt-signing-key parameter).");
        }

        services.AddSingleton(jwt);
        services.AddSingleton<TokenIssuer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = JwtOptions.Issuer,
                ValidAudience = JwtOptions.Audience,
                IssuerSigningKey = jwt.SecurityKey,
                NameClaimType = "name",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            var validated = new ValidatedTokens();
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = validated.AnswerRememberedAsync,
                OnTokenValidated = validated.RememberAsync,
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    var message = context.AuthenticateFailure is null ? "Not authenticated" : "Invalid or expired token";
                    await ApiResults.Unauthorized(message).ExecuteAsync(context.HttpContext);
                },
                OnForbidden = context => ApiResults.Forbidden("Not allowed").ExecuteAsync(context.HttpContext),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(nameof(UserRole.Admin).ToLowerInvariant()));
        return services;
    }

    public static TBuilder AdminOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AdminPolicy);

    public static int UserId(this ClaimsPrincipal principal) =>
        int.Parse(principal.FindFirstValue("sub") ?? throw new InvalidOperationException("The token has no subject."));

    public static bool IsAdmin(this ClaimsPrincipal principal) =>
        principal.IsInRole(nameof(UserRole.Admin).ToLowerInvariant());
}
