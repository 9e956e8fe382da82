namespace Ecommerce.Shared.Data;

/// <summary>The statement that saves many idempotency records at once, for the writers that save their rows as SQL.</summary>
public static class IdempotencyRows
{
    /// <summary>The columns the statement writes, in the order of its parameters. Written by hand, so a test holds them
    /// against the EF Core model.</summary>
    public static readonly string[] Columns = ["user_id", "operation", "key", "request_hash", "resource_id", "created_at"];

    private static readonly string Insert =
        $"INSERT INTO idempotency_records ({string.Join(", ", Columns)}) SELECT * FROM unnest($1, $2, $3, $4, $5, $6)";

    public static NpgsqlBatchCommand InsertStatement(IReadOnlyCollection<IdempotencyRecord> records) => new(Insert)
    {
        Parameters =
        {
            records.Column(r => r.UserId), records.Column(r => r.Operation), records.Column(r => r.Key),
            records.Column(r => r.RequestHash), records.Column(r => r.ResourceId), records.Column(r => r.CreatedAt),
        },
    };
}
