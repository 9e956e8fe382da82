namespace Ecommerce.Shared.Orders;

/// <summary>Where an order goes; <see cref="Country"/> is an ISO 3166-1 alpha-2 code.</summary>
public sealed record ShippingAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);
