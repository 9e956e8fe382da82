using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ecommerce.Tests.Users;

public sealed class UserTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task Creating_a_user_answers_201_with_location_and_never_the_password()
    {
        using var client = Api.Anonymous();
        var username = ApiSession.UniqueName("alice");

        var response = await client.PostAsync("/users", ApiJson.Body(new
        {
            username,
            password = "s3cret-password",
            email = "alice@example.com",
            full_name = "Alice Liddell",
        }), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var user = await response.ReadAsync();
        Assert.Equal($"/users/{user.GetProperty("id").GetInt32()}", response.Headers.Location?.OriginalString);
        Assert.Equal(username, user.GetProperty("username").GetString());
        Assert.Equal("alice@example.com", user.GetProperty("email").GetString());
        Assert.Equal("Alice Liddell", user.GetProperty("full_name").GetString());
        Assert.Equal("customer", user.GetProperty("role").GetString());
        Assert.True(user.TryGetProperty("created_at", out _));
        var raw = await response.Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("password", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cret", raw);
    }

    [Fact]
    public async Task The_old_register_route_answers_200()
    {
        using var client = Api.Anonymous();

        var response = await client.PostAsync("/users/register",
            ApiJson.Body(new { username = ApiSession.UniqueName("old"), password = "password-123" }), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("customer", (await response.ReadAsync()).GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("/users")]
    [InlineData("/users/register")]
    public async Task A_taken_username_is_a_conflict_whatever_its_case(string route)
    {
        using var client = Api.Anonymous();
        var username = ApiSession.UniqueName("dup");
        await client.PostAsync("/users", ApiJson.Body(new { username, password = "password-123" }), Cancel);

        var again = await client.PostAsync(route, ApiJson.Body(new { username = username.ToUpperInvariant(), password = "password-456" }), Cancel);

        await again.AssertErrorAsync(HttpStatusCode.Conflict, "ERR_CONFLICT");
    }

    [Fact]
    public async Task Over_long_usernames_and_passwords_are_rejected()
    {
        using var client = Api.Anonymous();

        var response = await client.PostAsync("/users",
            ApiJson.Body(new { username = new string('u', 51), password = new string('p', 129) }), Cancel);

        var error = await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "ERR_VALIDATION");
        Assert.Equal(["body.username", "body.password"], error.Locations());
    }

    [Fact]
    public async Task Signing_in_returns_a_bearer_token_that_identifies_the_user()
    {
        var (client, userId, credentials) = await Api.NewCustomerAsync();
        using var anonymous = Api.Anonymous();

        var login = await (await anonymous.PostAsync("/users/login", ApiJson.Body(credentials), Cancel)).ReadAsync();
        var me = await (await client.GetAsync("/users/me", Cancel)).ReadAsync();

        Assert.Equal("bearer", login.GetProperty("token_type").GetString());
        Assert.True(login.GetProperty("expires_in").GetInt32() > 0);
        Assert.Equal(userId, me.GetProperty("id").GetInt32());
        Assert.Equal(credentials.Username, me.GetProperty("username").GetString());
        client.Dispose();
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_are_both_401()
    {
        var (client, _, credentials) = await Api.NewCustomerAsync();
        client.Dispose();
        using var anonymous = Api.Anonymous();

        var wrongPassword = await anonymous.PostAsync("/users/login",
            ApiJson.Body(new { credentials.Username, password = "not-the-password" }), Cancel);
        var unknownUser = await anonymous.PostAsync("/users/login",
            ApiJson.Body(new { username = ApiSession.UniqueName("ghost"), password = "whatever-123" }), Cancel);

        await wrongPassword.AssertErrorAsync(HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        await unknownUser.AssertErrorAsync(HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
    }

    [Fact]
    public async Task Repeated_failures_for_one_username_are_refused_while_other_users_still_sign_in()
    {
        var (victim, _, victimCredentials) = await Api.NewCustomerAsync();
        var (neighbour, _, neighbourCredentials) = await Api.NewCustomerAsync();
        victim.Dispose();
        neighbour.Dispose();
        using var anonymous = Api.Anonymous();

        HttpResponseMessage attempt;
        var attempts = 0;
        do
        {
            attempt = await anonymous.PostAsync("/users/login",
                ApiJson.Body(new { victimCredentials.Username, password = $"guess-{attempts}" }), Cancel);
            attempts++;
        }
        while (attempt.StatusCode == HttpStatusCode.Unauthorized && attempts < 20);

        await attempt.AssertErrorAsync(HttpStatusCode.TooManyRequests, "ERR_429");
        Assert.True(attempt.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.True(attempts <= 10, $"refused only after {attempts} attempts");
        var rightPasswordWhileRefused = await anonymous.PostAsync("/users/login", ApiJson.Body(victimCredentials), Cancel);
        await rightPasswordWhileRefused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "ERR_429");
        var otherUser = await anonymous.PostAsync("/users/login", ApiJson.Body(neighbourCredentials), Cancel);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_token_are_401()
    {
        await Api.AnonymousGetErrorAsync("/users/me", HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
    }

    [Fact]
    public async Task Forged_expired_and_garbage_tokens_are_401()
    {
        var (customer, userId, _) = await Api.NewCustomerAsync();
        customer.Dispose();
        string[] tokens =
        [
            Mint(userId, "admin", $"{Guid.NewGuid():N}{Guid.NewGuid():N}", DateTime.UtcNow.AddHours(1)),
            Mint(userId, "customer", EcommerceAppFixture.JwtSigningKey, DateTime.UtcNow.AddHours(-1)),
            "not.a.token",
            "garbage",
        ];

        foreach (var token in tokens)
        {
            using var client = Api.Anonymous();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await client.GetAsync("/users/me", Cancel);
            await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "ERR_UNAUTHORIZED");
        }
    }

    [Fact]
    public async Task A_customer_reads_only_their_own_profile()
    {
        var (alice, aliceId, _) = await Api.NewCustomerAsync();
        var (bob, bobId, _) = await Api.NewCustomerAsync();
        using (alice)
        using (bob)
        {
            var own = await alice.GetAsync($"/users/{aliceId}", Cancel);
            var others = await alice.GetAsync($"/users/{bobId}", Cancel);
            var unknown = await alice.GetAsync("/users/999999999", Cancel);

            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            await others.AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
            await unknown.AssertErrorAsync(HttpStatusCode.Forbidden, "ERR_FORBIDDEN");
        }
    }

    [Fact]
    public async Task An_admin_reads_any_profile_and_unknown_ids_are_404()
    {
        var (customer, customerId, credentials) = await Api.NewCustomerAsync();
        customer.Dispose();
        using var admin = await Api.AdminAsync();

        var profile = await admin.GetAsync($"/users/{customerId}", Cancel);
        var unknown = await admin.GetAsync("/users/999999999", Cancel);

        Assert.Equal(credentials.Username, (await profile.ReadAsync()).GetProperty("username").GetString());
        var error = await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "ERR_NOT_FOUND");
        Assert.Equal("User not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_first_admin_exists_with_the_admin_role()
    {
        using var admin = await Api.AdminAsync();

        var me = await (await admin.GetAsync("/users/me", Cancel)).ReadAsync();

        Assert.Equal(EcommerceAppFixture.AdminUsername, me.GetProperty("username").GetString());
        Assert.Equal("admin", me.GetProperty("role").GetString());
    }

    private static string Mint(int userId, string role, string key, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ecommerce-api",
            Audience = "ecommerce-clients",
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", role)]),
        });
}
