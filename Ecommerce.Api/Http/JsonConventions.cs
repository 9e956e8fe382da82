using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Api.Http;

public static class JsonConventions
{
    /// <summary>snake_case names, lower-case enum values, money with two decimals, unknown properties ignored,
    /// and numbers accepted as strings as the old service's clients send them.</summary>
    public static IServiceCollection AddJsonConventions(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => Apply(options.SerializerOptions));

    /// <summary>The conventions, for a writer outside the endpoints' pipeline.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }

    private static void Apply(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        json.Converters.Add(new MoneyJsonConverter());
    }
}

/// <summary>Every decimal in this API is money: written with exactly two places, read without ever overflowing into
/// an exception other than <see cref="JsonException"/>. A number in a string is read as JSON writes numbers: an optional
/// minus, digits and a decimal point, so "1,5" or "12,34" is refused instead of read as 15 or 1234.</summary>
public sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    private const NumberStyles MoneyStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && decimal.TryParse(reader.GetString(), MoneyStyle, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("Expected a decimal number.");
    }

    /// <summary>A sign, the 29 digits of the largest decimal, a decimal point and two places.</summary>
    private const int MaxWrittenBytes = 33;

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        Span<byte> written = stackalloc byte[MaxWrittenBytes];
        if (!decimal.Round(value, 2, MidpointRounding.ToEven).TryFormat(written, out var length, "F2", CultureInfo.InvariantCulture))
        {
            throw new JsonException($"{value} does not fit in {MaxWrittenBytes} characters.");
        }

        writer.WriteRawValue(written[..length], skipInputValidation: true);
    }
}
