namespace Ecommerce.Shared.Data;

/// <summary>The statements that write many rows at once take each column as one array, which <c>unnest</c> turns back
/// into rows.</summary>
public static class ColumnParameters
{
    /// <summary>The values of one column of <paramref name="rows"/>, in their order, as one typed array parameter.</summary>
    public static NpgsqlParameter<TValue[]> Column<TRow, TValue>(this IEnumerable<TRow> rows, Func<TRow, TValue> value) =>
        new() { TypedValue = [.. rows.Select(value)] };
}
