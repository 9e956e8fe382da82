using System.Text.Json;
using Ecommerce.Api.Http;

namespace Ecommerce.UnitTests;

public sealed class MoneyJsonConverterTests
{
    [Theory]
    [InlineData("0", "0.00")]
    [InlineData("19.99", "19.99")]
    [InlineData("19.9", "19.90")]
    [InlineData("2.345", "2.34")]
    [InlineData("2.355", "2.36")]
    [InlineData("-12.5", "-12.50")]
    [InlineData("1234567.891", "1234567.89")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335.00")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335.00")]
    public void Money_is_written_with_exactly_two_places_rounded_half_to_even(string amount, string written) =>
        Assert.Equal(written, JsonSerializer.Serialize(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), JsonConventions.Options));
}
