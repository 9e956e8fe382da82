namespace Ecommerce.Tests.Security;

/// <summary>A flood of sign-ins with random usernames costs a password hash each. It runs alone: while the hashing
/// queue is full, other tests' registrations would be refused too.</summary>
[Collection(nameof(RunsAlone))]
public sealed class SignInFloodTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    [Fact]
    public async Task A_flood_of_sign_ins_is_refused_with_429_beyond_the_hashing_queue_while_the_catalog_still_answers()
    {
        using var attacker = Api.Anonymous();
        using var shopper = Api.Anonymous();

        var flood = Enumerable.Range(0, 300).Select(_ => attacker.PostAsync("/users/login",
            ApiJson.Body(new { username = ApiSession.UniqueName("nobody"), password = "wrong-password" }), Cancel)).ToList();
        var catalog = await shopper.GetAsync("/products", Cancel);
        var answers = await Task.WhenAll(flood);

        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        var refused = answers.Where(answer => answer.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, answer => Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero));
        await refused[0].AssertErrorAsync(HttpStatusCode.TooManyRequests, "ERR_429");

        // Once the flood has drained, a real customer registers and signs in as usual.
        var (customer, _, _) = await Api.NewCustomerAsync();
        customer.Dispose();
    }
}
