namespace Ecommerce.Tests.Http;

/// <summary>The 422 of an invalid body, route by route: each case is sent as it is, by a caller the route admits.</summary>
public sealed class InvalidBodyTests(EcommerceAppFixture fixture) : ApiTest(fixture)
{
    public enum Caller
    {
        Anonymous,
        Customer,
        Admin,
    }

    [Theory]
    [InlineData(Caller.Customer, "/orders", """{"items": []}""", "body.items")]
    [InlineData(Caller.Customer, "/orders", """{}""", "body.items")]
    [InlineData(Caller.Customer, "/orders", """{"items": [{"product_id": 1, "quantity": 0}]}""", "body.items.0.quantity")]
    [InlineData(Caller.Customer, "/orders", """{"items": [{"product_id": 1, "quantity": 1001}]}""", "body.items.0.quantity")]
    [InlineData(Caller.Customer, "/orders", """{"items": [{"quantity": 1}]}""", "body.items.0.product_id")]
    [InlineData(Caller.Customer, "/orders", """{"items": [{"product_id": 1, "quantity": "many"}]}""", "body.items.0.quantity")]
    [InlineData(Caller.Customer, "/orders", """{"items": [{"product_id": 1, "quantity": 1}], "payment_method": "bitcoin"}""", "body.payment_method")]
    [InlineData(Caller.Customer, "/payments/process", """{"payment_method": "credit_card"}""", "body.order_id")]
    [InlineData(Caller.Customer, "/payments/process", """{"order_id": 1}""", "body.payment_method")]
    [InlineData(Caller.Customer, "/payments/process", """{"order_id": 1, "payment_method": "cash"}""", "body.payment_method")]
    [InlineData(Caller.Customer, "/payments/process", """{"order_id": "one", "payment_method": "paypal"}""", "body.order_id")]
    [InlineData(Caller.Admin, "/products", """{"name": "", "price": 1}""", "body.name")]
    [InlineData(Caller.Admin, "/products", """{"name": "   ", "price": 1}""", "body.name")]
    [InlineData(Caller.Admin, "/products", """{"price": 1}""", "body.name")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 0}""", "body.price")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": -5}""", "body.price")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1000000.01}""", "body.price")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1.234}""", "body.price")]
    [InlineData(Caller.Admin, "/products", """{"name": "x"}""", "body.price")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "stock": -1}""", "body.stock")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": "cheap"}""", "body.price")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1e400}""", "body.price")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "stock": 99999999999}""", "body.stock")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "stock": 1.5}""", "body.stock")]
    [InlineData(Caller.Admin, "/products", """{"name": 42, "price": 1}""", "body.name")]
    [InlineData(Caller.Admin, "/products", """{"name": "nul\u0000byte", "price": 1}""", "body.name")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "description": "nul\u0000byte"}""", "body.description")]
    [InlineData(Caller.Anonymous, "/users", """{"username":"ab","password":"password-123"}""", "body.username")]
    [InlineData(Caller.Anonymous, "/users", """{"username":"has space","password":"password-123"}""", "body.username")]
    [InlineData(Caller.Anonymous, "/users", """{"username":"valid_name","password":"short"}""", "body.password")]
    [InlineData(Caller.Anonymous, "/users", """{"password":"password-123"}""", "body.username")]
    [InlineData(Caller.Anonymous, "/users", """{"username":"valid_name"}""", "body.password")]
    [InlineData(Caller.Anonymous, "/users", """{"username":"valid_name","password":"password-123","email":"not-an-email"}""", "body.email")]
    public async Task Invalid_bodies_are_422_naming_the_field(Caller caller, string path, string json, string location)
    {
        using var client = await ClientAsync(caller);
        await client.AssertInvalidAtAsync(HttpMethod.Post, path, json, location);
    }

    [Theory]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "sku": "has space"}""", "body.sku")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "sku": ""}""", "body.sku")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "sku": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "body.sku")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "image_url": "http://cdn.example.com/a.jpg"}""", "body.image_url")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "image_url": "/relative.jpg"}""", "body.image_url")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "category_id": 987654321}""", "body.category_id")]
    [InlineData(Caller.Admin, "/products", """{"name": "x", "price": 1, "category_id": "shoes"}""", "body")]
    [InlineData(Caller.Admin, "/webhooks", """{"url": "ftp://files.example.com/x", "events": ["#"]}""", "body.url")]
    [InlineData(Caller.Admin, "/webhooks", """{"url": "/relative", "events": ["#"]}""", "body.url")]
    [InlineData(Caller.Admin, "/webhooks", """{"events": ["#"]}""", "body.url")]
    [InlineData(Caller.Admin, "/webhooks", """{"url": "https://hooks.example.com", "events": []}""", "body.events")]
    [InlineData(Caller.Admin, "/webhooks", """{"url": "https://hooks.example.com", "events": ["Order Created"]}""", "body.events")]
    [InlineData(Caller.Admin, "/webhooks", """{"url": "https://hooks.example.com"}""", "body.events")]
    public async Task Invalid_bodies_are_422_naming_the_field_or_its_parent(Caller caller, string path, string json, string location)
    {
        using var client = await ClientAsync(caller);
        await client.AssertInvalidUnderAsync(HttpMethod.Post, path, json, location);
    }

    private async Task<HttpClient> ClientAsync(Caller caller) => caller switch
    {
        Caller.Admin => await Api.AdminAsync(),
        Caller.Customer => await Api.CustomerAsync(),
        _ => Api.Anonymous(),
    };
}
