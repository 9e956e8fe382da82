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

/// <summary>The codes that ISO 3166-1 has assigned (taken from Debian's iso-codes).</summary>
public static class CountryCodes
{
    public static readonly IReadOnlySet<string> Assigned = """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
        BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
        CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
        DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
        GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
        ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
        KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
        MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
        NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
        PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
        SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
        TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
        VN VU WF WS YE YT ZA ZM ZW
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
