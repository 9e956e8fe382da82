using Npgsql;

namespace Ecommerce.Domain.Data;

public static class PostgresErrors
{
    /// <summary>Whether a unique index refused a write, saved through EF Core (which wraps the error) or run as SQL.</summary>
    public static bool IsUniqueViolation(this Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException)?.SqlState == PostgresErrorCodes.UniqueViolation;
}
