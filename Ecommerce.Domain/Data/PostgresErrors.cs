using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ecommerce.Domain.Data;

public static class PostgresErrors
{
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
