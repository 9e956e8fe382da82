using System.Linq.Expressions;

namespace Ecommerce.Api.Orders;

public sealed record ShippingAddressRequest(string? Name, string? Line1, string? Line2, string? City, string? PostalCode, string? Country)
{
    /// <summary>The address as the order keeps it; only after validation.</summary>
    public ShippingAddress ToAddress() =>
        new(Name!.Trim(), Line1!.Trim(), string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(), City!.Trim(), PostalCode!.Trim(), Country!);
}

public sealed class ShippingAddressValidator : AbstractValidator<ShippingAddressRequest>
{
    public const int MaxLength = 200;

    public ShippingAddressValidator()
    {
        foreach (var required in new Expression<Func<ShippingAddressRequest, string?>>[] { a => a.Name, a => a.Line1, a => a.City, a => a.PostalCode })
        {
            RuleFor(required).NotEmpty().NotBlank().MaximumLength(MaxLength).StorableText();
        }

        RuleFor(a => a.Line2).MaximumLength(MaxLength).StorableText();
        RuleFor(a => a.Country).NotEmpty().Must(code => CountryCodes.Assigned.Contains(code!))
            .WithMessage("'country' must be an assigned ISO 3166-1 alpha-2 code in upper case, such as DE or US.")
            .WithErrorCode("country");
    }
}
