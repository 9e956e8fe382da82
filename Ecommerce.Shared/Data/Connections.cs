namespace Ecommerce.Shared.Data;

public static class Connections
{
    /// <summary>
    /// Runs <paramref name="work"/> on the context's own Npgsql connection, opened for it, for statements that go to
    /// Npgsql as written, with positional parameters: no EF Core query pipeline and no rewriting of their SQL. The
    /// group-commit writers use it, because every caller of a writer waits on its statements, and EF Core's raw-SQL path
    /// took a fifth of the order writer's time. Closing the connection returns it to the pool, which rolls back a
    /// transaction that a failure left open.
    /// </summary>
    public static async Task<T> OnConnectionAsync<T>(
        this EcommerceDbContext db, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await work((NpgsqlConnection)db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A batch that begins a transaction and runs <paramref name="statement"/> in the same round trip.</summary>
    public static NpgsqlBatch BeginWith(this NpgsqlConnection connection, NpgsqlBatchCommand statement) =>
        new(connection) { BatchCommands = { new NpgsqlBatchCommand("BEGIN"), statement } };

    /// <summary>Runs <paramref name="statements"/> and commits, in one round trip. Not canceled: a commit canceled in
    /// flight may still have committed, and the writer's callers would be told that their writes failed.</summary>
    public static async Task CommitWithAsync(this NpgsqlConnection connection, IEnumerable<NpgsqlBatchCommand> statements)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement);
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
