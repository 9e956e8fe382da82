using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ecommerce.Shared.Data;

/// <summary>SQL window functions, which EF Core's LINQ does not translate by itself.</summary>
public static class WindowFunctions
{
    /// <summary><c>count(*) OVER ()</c>: how many rows the statement matched before its OFFSET and LIMIT.</summary>
    public static int CountOfMatches() => throw new InvalidOperationException("Only a query translated to SQL can count its matches.");

    public static ModelBuilder HasWindowFunctions(this ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(WindowFunctions).GetMethod(nameof(CountOfMatches))!)
            .HasTranslation(_ => new SqlFragmentExpression("(count(*) OVER ())::int", typeof(int), new IntTypeMapping("integer")));
        return modelBuilder;
    }
}
