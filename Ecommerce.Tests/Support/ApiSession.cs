using System.Net.Http.Headers;

namespace Ecommerce.Tests.Support;

public sealed record Credentials(string Username, string Password);

/// <summary>Clients of the running API, signed in as whoever a test needs: through the orchestrator's endpoint, or
/// through one replica's own <paramref name="address"/>.</summary>
public sealed class ApiSession(AppHostInstance fixture, Uri? address = null)
{
    public HttpClient Anonymous() => address is null ? fixture.CreateApiClient() : new HttpClient { BaseAddress = address };

    public Task<HttpClient> AdminAsync() =>
        SignedInAsync(new Credentials(EcommerceAppFixture.AdminUsername, EcommerceAppFixture.AdminPassword));

    public async Task<(HttpClient Client, int UserId, Credentials Credentials)> NewCustomerAsync()
    {
        var credentials = new Credentials(UniqueName("user"), "correct-horse-42");
        using var anonymous = Anonymous();
        var created = await PostShedAwareAsync(anonymous, "/users", new { credentials.Username, credentials.Password });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var userId = (await created.ReadAsync()).GetProperty("id").GetInt32();
        return (await SignedInAsync(credentials), userId, credentials);
    }

    /// <summary>GETs <paramref name="path"/> without signing in and asserts the error envelope it answers with.</summary>
    public async Task<JsonElement> AnonymousGetErrorAsync(string path, HttpStatusCode status, string code)
    {
        using var client = Anonymous();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await response.AssertErrorAsync(status, code);
    }

    /// <summary>A new customer's client, for a test that needs neither its id nor its password.</summary>
    public async Task<HttpClient> CustomerAsync() => (await NewCustomerAsync()).Client;

    public async Task<HttpClient> SignedInAsync(Credentials credentials)
    {
        var client = Anonymous();
        var login = await PostShedAwareAsync(client, "/users/login", new { credentials.Username, credentials.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.ReadAsync()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A product that only this test orders: a unique name that starts with <paramref name="name"/>.</summary>
    public async Task<int> NewProductAsync(string name, decimal price, int stock)
    {
        using var admin = await AdminAsync();
        return (await CreateProductAsync(admin, UniqueName(name), price, stock)).Id;
    }

    /// <summary>Replaces a product's name, price and stock as an admin, and asserts that it was replaced.</summary>
    public async Task ReplaceProductAsync(int id, string name, decimal price, int stock)
    {
        using var admin = await AdminAsync();
        var response = await admin.PutAsync($"/products/{id}", ApiJson.Body(new { name, price, stock }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<ProductDto> CreateProductAsync(
        HttpClient admin, string name, decimal price, int stock = 10, string? description = null, int? categoryId = null, string? sku = null)
    {
        var response = await admin.PostAsync("/products",
            ApiJson.Body(new { name, price, stock, description, category_id = categoryId, sku }), TestContext.Current.CancellationToken);
        return await response.ReadAsAsync<ProductDto>(HttpStatusCode.Created);
    }

    /// <summary>Posts as a good client does: when the API sheds password hashing under load (429 with a short
    /// <c>Retry-After</c>), it waits as told and tries again, so that tests of other things do not fail for it.</summary>
    public static async Task<HttpResponseMessage> PostShedAwareAsync(HttpClient client, string path, object body)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await client.PostAsync(path, ApiJson.Body(body), TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || response.Headers.RetryAfter?.Delta is not { } wait
                || wait > TimeSpan.FromSeconds(5) || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }
    }

    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 50)];
}
