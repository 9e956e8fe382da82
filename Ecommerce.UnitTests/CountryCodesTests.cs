using Ecommerce.Api.Orders;

namespace Ecommerce.UnitTests;

public sealed class CountryCodesTests
{
    [Fact]
    public void Every_assigned_code_is_read_from_the_embedded_list_and_nothing_else()
    {
        Assert.Equal(249, CountryCodes.Assigned.Count);
        Assert.Contains("DE", CountryCodes.Assigned);
        Assert.Contains("ZW", CountryCodes.Assigned);
        Assert.DoesNotContain("UK", CountryCodes.Assigned);
        Assert.DoesNotContain("de", CountryCodes.Assigned);
    }
}
