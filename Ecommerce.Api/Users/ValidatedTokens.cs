using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Ecommerce.Api.Users;

/// <summary>
/// Remembers each bearer token that JwtBearer validated, until the token expires, and answers a remembered token before
/// JwtBearer would validate it again. A token is signed and cannot change, and nothing revokes one before it expires,
/// so the same string always validates the same way; validating it on every request was the largest single cost of a
/// signed-in read, and answering it before JwtBearer sets up its validation spares that set-up too. Only tokens that
/// validated are kept, so made-up ones cannot fill the memory, and every request gets its own copy of the identity.
/// </summary>
public sealed class ValidatedTokens
{
    /// <summary>More tokens than this are validated each time again; the least recently used go first.</summary>
    public const int MaxTokens = 10_000;

    private const string Scheme = "Bearer ";

    private readonly MemoryCache _valid = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    /// <summary>For <see cref="JwtBearerEvents.OnMessageReceived"/>: a token validated before signs the request in as
    /// it did then. Any other request goes on to JwtBearer, which reads the header itself.</summary>
    public Task AnswerRememberedAsync(MessageReceivedContext context)
    {
        if (BearerToken(context.Request) is { } token && _valid.TryGetValue(token, out ClaimsIdentity? identity))
        {
            context.Principal = new ClaimsPrincipal(identity!.Clone());
            context.Success();
        }

        return Task.CompletedTask;
    }

    /// <summary>For <see cref="JwtBearerEvents.OnTokenValidated"/>.</summary>
    public Task RememberAsync(TokenValidatedContext context)
    {
        if (context.SecurityToken is JsonWebToken token && context.Principal?.Identity is ClaimsIdentity identity)
        {
            _valid.Set(token.EncodedToken, identity.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = token.ValidTo });
        }

        return Task.CompletedTask;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : null;
    }
}
