namespace Ecommerce.Tests.Support;

/// <summary>The contract's shapes as the tests read them; the wire format itself is checked with raw JSON elsewhere.</summary>
public sealed record ProductDto(
    int Id, string Name, string? Description, decimal Price, int Stock, string? Sku, int? CategoryId, string? ImageUrl,
    DateTime CreatedAt, DateTime UpdatedAt);

public sealed record CategoryDto(int Id, string Name, string Slug, int? ParentId, DateTime CreatedAt);

public sealed record AddressDto(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

public sealed record OrderItemDto(long Id, int ProductId, string ProductName, int Quantity, decimal Price);

public sealed record OrderDto(
    long Id, string OrderNumber, int UserId, string Status, string PaymentStatus, string? PaymentMethod, decimal TotalAmount,
    IReadOnlyList<OrderItemDto> Items, AddressDto? ShippingAddress, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record CartLineDto(int ProductId, string ProductName, decimal Price, int Quantity, decimal LineTotal, bool Available);

public sealed record CartDto(IReadOnlyList<CartLineDto> Items, decimal TotalAmount, int ItemCount, DateTime? UpdatedAt);

public sealed record RefundDto(
    long Id, long OrderId, decimal Amount, string? Reason, bool Restock, string Status, string? Message, DateTime CreatedAt,
    DateTime UpdatedAt);

public static class ApiModels
{
    public static async Task<T> ReadAsAsync<T>(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"The answer held no {typeof(T).Name}.");

    /// <summary>Reads a success of <paramref name="status"/>, failing with the body when the answer is another.</summary>
    public static async Task<T> ReadAsAsync<T>(this HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        }

        return await response.ReadAsAsync<T>();
    }
}
