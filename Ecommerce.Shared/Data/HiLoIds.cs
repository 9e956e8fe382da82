namespace Ecommerce.Shared.Data;

/// <summary>
/// Ids from one of the model's hi-lo sequences, handed out as EF Core's hi-lo generator hands them out: each
/// <c>nextval</c> reserves the block from its value up to the sequence's increment. EF Core assigns such ids only to
/// entities it tracks; this serves rows written as SQL. Not thread-safe: one writer owns it, and it runs on that
/// writer's open connection (<see cref="Connections.OnConnectionAsync"/>).
/// </summary>
public sealed class HiLoIds(string sequence)
{
    private long _next;
    private long _end;

    public async ValueTask<long> NextAsync(EcommerceDbContext db, CancellationToken cancellationToken)
    {
        if (_next == _end)
        {
            var blockSize = db.Model.FindSequence(sequence)?.IncrementBy
                ?? throw new InvalidOperationException($"The model has no sequence {sequence}.");
            await using var nextval = new NpgsqlCommand("SELECT nextval($1::regclass)", (NpgsqlConnection)db.Database.GetDbConnection())
            {
                Parameters = { new NpgsqlParameter<string> { TypedValue = sequence } },
            };
            var low = (long)(await nextval.ExecuteScalarAsync(cancellationToken))!;
            (_next, _end) = (low, low + blockSize);
        }

        return _next++;
    }
}
