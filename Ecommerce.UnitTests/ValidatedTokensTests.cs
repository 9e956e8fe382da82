using Ecommerce.Api.Users;
using Ecommerce.Shared.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.UnitTests;

/// <summary>The API's own JwtBearer set-up, asked to authenticate requests as the authentication middleware asks it.</summary>
public sealed class ValidatedTokensTests : IDisposable
{
    private static readonly JwtOptions Options = new() { SigningKey = "a signing key of the unit tests, 32 bytes at least" };

    private readonly CountingValidator _validator = new();
    private readonly ServiceProvider _services;

    public ValidatedTokensTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new($"{JwtOptions.Section}:{nameof(JwtOptions.SigningKey)}", Options.SigningKey)])
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddJwtAuthentication(configuration);
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(_validator);
        });
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_valid_token_is_validated_once_and_each_request_gets_its_own_identity()
    {
        var token = Issue(42);

        var first = await AuthenticateAsync(token);
        var second = await AuthenticateAsync(token);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal(1, _validator.Validations);
        Assert.Equal(42, second.Principal!.UserId());
        Assert.NotSame(first.Principal!.Identity, second.Principal.Identity);
    }

    [Fact]
    public async Task A_token_that_fails_validation_is_never_remembered()
    {
        var forged = Issue(42, new JwtOptions { SigningKey = "another key that the API never signed with, 32+" });

        Assert.False((await AuthenticateAsync(forged)).Succeeded);
        Assert.False((await AuthenticateAsync(forged)).Succeeded);
        Assert.Equal(2, _validator.Validations);
    }

    [Fact]
    public async Task Another_token_of_the_same_user_is_validated_on_its_own()
    {
        Assert.True((await AuthenticateAsync(Issue(42))).Succeeded);
        var tampered = Issue(42)[..^2] + "xx";

        Assert.False((await AuthenticateAsync(tampered)).Succeeded);
        Assert.Equal(2, _validator.Validations);
    }

    public void Dispose() => _services.Dispose();

    private async Task<AuthenticateResult> AuthenticateAsync(string token)
    {
        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = $"Bearer {token}";
        return await context.AuthenticateAsync();
    }

    private static string Issue(int userId, JwtOptions? options = null) =>
        new TokenIssuer(options ?? Options, TimeProvider.System)
            .Issue(new User { Id = userId, Username = "ada", NormalizedUsername = "ADA", PasswordHash = "-" })
            .AccessToken;

    private sealed class CountingValidator : JsonWebTokenHandler
    {
        private int _validations;

        public int Validations => _validations;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _validations);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
