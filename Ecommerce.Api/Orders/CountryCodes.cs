namespace Ecommerce.Api.Orders;

/// <summary>The codes that ISO 3166-1 has assigned, from Debian's iso-codes, kept as data in
/// <c>country-codes.txt</c>.</summary>
public static class CountryCodes
{
    public static readonly IReadOnlySet<string> Assigned = Read();

    private static HashSet<string> Read()
    {
        using var stream = typeof(CountryCodes).Assembly.GetManifestResourceStream("country-codes.txt")
            ?? throw new InvalidOperationException("country-codes.txt is not embedded in the API assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }
}
