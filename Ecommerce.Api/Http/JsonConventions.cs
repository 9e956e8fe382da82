using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Api.Http;

public static class JsonConventions
{
    /// <summary>snake_case names, lower-case enum values, money with two decimals, unknown properties ignored,
    /// and numbers accepted as strings as the old service's clients send them.</summary>
    public static IServiceCollection AddJsonConventions(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            var json = options.SerializerOptions;
            json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.NumberHandling = JsonNumberHandling.AllowReadingFromString;
            json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            json.Converters.Add(new MoneyJsonConverter());
        });
}

/// <summary>Every decimal in this API is money: written with exactly two places, read without ever overflowing into
/// an exception other than <see cref="JsonException"/>.</summary>
public sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && decimal.TryParse(reader.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("Expected a decimal number.");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(decimal.Round(value, 2, MidpointRounding.ToEven).ToString("0.00", CultureInfo.InvariantCulture), skipInputValidation: true);
}
