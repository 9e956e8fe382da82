namespace Ecommerce.Tests.Security;

/// <summary>Guessing passwords: the throttle counts an attempt before its password is checked, so parallel guesses
/// cannot all slip under the limit.</summary>
public sealed class SignInLimitTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    private const int MaxFailures = 5;

    [Fact]
    public async Task Parallel_wrong_guesses_for_one_username_get_at_most_the_limit_checked()
    {
        var (victim, _, credentials) = await Api.NewCustomerAsync();
        victim.Dispose();
        using var attacker = Api.Anonymous();

        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(guess =>
            attacker.PostAsync("/users/login", ApiJson.Body(new { credentials.Username, password = $"guess-{guess}" }), Cancel)));

        var checkedGuesses = answers.Count(answer => answer.StatusCode == HttpStatusCode.Unauthorized);
        Assert.True(checkedGuesses <= MaxFailures, $"{checkedGuesses} of 25 parallel guesses had their password checked");
        Assert.All(answers.Where(answer => answer.StatusCode != HttpStatusCode.Unauthorized), answer =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
            Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        });
        var rightPassword = await attacker.PostAsync("/users/login", ApiJson.Body(credentials), Cancel);
        await rightPassword.AssertErrorAsync(HttpStatusCode.TooManyRequests, "ERR_429");
    }

    [Fact]
    public async Task A_token_answer_may_not_be_stored_by_any_cache()
    {
        var (customer, _, credentials) = await Api.NewCustomerAsync();
        customer.Dispose();
        using var client = Api.Anonymous();

        var token = await ApiSession.PostShedAwareAsync(client, "/users/login", credentials);

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.True(token.Headers.CacheControl?.NoStore, "the token answer lacks Cache-Control: no-store");
    }

    [Theory]
    [InlineData("/products")]
    [InlineData("/no/such/route")]
    [InlineData("/users/me")]
    public async Task Json_answers_tell_browsers_not_to_sniff_them(string path)
    {
        using var client = Api.Anonymous();

        var answer = await client.GetAsync(path, Cancel);

        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], answer.Headers.GetValues("X-Content-Type-Options"));
    }
}
