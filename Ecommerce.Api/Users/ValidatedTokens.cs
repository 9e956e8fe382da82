using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Api.Users;

/// <summary>
/// Validates each bearer token once per replica, then answers the same token from memory until it expires. A token is
/// signed and cannot change, and nothing revokes one before it expires, so the same string always validates the same
/// way; validating it again on every request was the largest single cost of a signed-in read. Only tokens that
/// validated are kept, so made-up ones cannot fill the memory, and every request gets its own copy of the identity.
/// </summary>
public sealed class ValidatedTokens(TokenHandler validator) : TokenHandler
{
    /// <summary>More tokens than this are validated each time again; the least recently used go first.</summary>
    public const int MaxTokens = 10_000;

    private readonly MemoryCache _valid = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out ValidToken? known))
        {
            return new TokenValidationResult { IsValid = true, ClaimsIdentity = known!.Identity.Clone(), SecurityToken = known.Token };
        }

        var result = await validator.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            _valid.Set(token, new ValidToken(result.ClaimsIdentity.Clone(), result.SecurityToken),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = result.SecurityToken.ValidTo });
        }

        return result;
    }

    public override SecurityToken ReadToken(string token) => validator.ReadToken(token);

    private sealed record ValidToken(ClaimsIdentity Identity, SecurityToken Token);
}
