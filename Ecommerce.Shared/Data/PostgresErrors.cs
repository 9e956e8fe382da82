namespace Ecommerce.Shared.Data;

public static class PostgresErrors
{
    /// <summary>Whether a unique index refused a write, saved through EF Core (which wraps the error) or run as SQL.</summary>
    public static bool IsUniqueViolation(this Exception exception) =>
        SqlState(exception) == PostgresErrorCodes.UniqueViolation;

    /// <summary>Whether a value passed what its column holds (an integer or numeric column out of range).</summary>
    public static bool IsNumericOverflow(this Exception exception) =>
        SqlState(exception) == PostgresErrorCodes.NumericValueOutOfRange;

    /// <summary>Whether a foreign key refused a write: what it names is gone, or something still names what it deletes.</summary>
    public static bool IsForeignKeyViolation(this Exception exception) =>
        SqlState(exception) == PostgresErrorCodes.ForeignKeyViolation;

    private static string? SqlState(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException)?.SqlState;
}
