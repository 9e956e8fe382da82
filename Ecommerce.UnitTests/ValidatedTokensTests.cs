using Ecommerce.Api.Users;
using Ecommerce.Shared.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.UnitTests;

public sealed class ValidatedTokensTests
{
    private static readonly JwtOptions Options = new() { SigningKey = "a signing key of the unit tests, 32 bytes at least" };

    private static readonly TokenValidationParameters Parameters = new()
    {
        ValidIssuer = JwtOptions.Issuer,
        ValidAudience = JwtOptions.Audience,
        IssuerSigningKey = Options.SecurityKey,
    };

    [Fact]
    public async Task A_valid_token_is_validated_once_and_each_request_gets_its_own_identity()
    {
        var validator = new CountingValidator();
        var tokens = new ValidatedTokens(validator);
        var token = Issue(42);

        var first = await tokens.ValidateTokenAsync(token, Parameters);
        var second = await tokens.ValidateTokenAsync(token, Parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, validator.Validations);
        Assert.Equal("42", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal(first.SecurityToken.ValidTo, second.SecurityToken.ValidTo);
    }

    [Fact]
    public async Task A_token_that_fails_validation_is_never_remembered()
    {
        var validator = new CountingValidator();
        var tokens = new ValidatedTokens(validator);
        var forged = Issue(42, new JwtOptions { SigningKey = "another key that the API never signed with, 32+" });

        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.False((await tokens.ValidateTokenAsync(forged, Parameters)).IsValid);
        Assert.Equal(2, validator.Validations);
    }

    [Fact]
    public async Task Another_token_of_the_same_user_is_validated_on_its_own()
    {
        var validator = new CountingValidator();
        var tokens = new ValidatedTokens(validator);

        await tokens.ValidateTokenAsync(Issue(42), Parameters);
        var tampered = Issue(42)[..^2] + "xx";

        Assert.False((await tokens.ValidateTokenAsync(tampered, Parameters)).IsValid);
        Assert.Equal(2, validator.Validations);
    }

    private static string Issue(int userId, JwtOptions? options = null) =>
        new TokenIssuer(options ?? Options, TimeProvider.System)
            .Issue(new User { Id = userId, Username = "ada", NormalizedUsername = "ADA", PasswordHash = "-" })
            .AccessToken;

    private sealed class CountingValidator : JsonWebTokenHandler
    {
        public int Validations { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Validations++;
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
