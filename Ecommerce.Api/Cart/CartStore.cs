using System.Globalization;
using Ecommerce.Api.Replicas;
using StackExchange.Redis;

namespace Ecommerce.Api.Cart;

/// <summary>The lines of a cart as Redis keeps them: product id and quantity.</summary>
public sealed record StoredCart(IReadOnlyList<(int ProductId, int Quantity)> Lines, DateTime? UpdatedAt)
{
    public static readonly StoredCart Empty = new([], null);
}

/// <summary>
/// Every user's cart is one Redis hash (<c>cart:{user id}</c>): a field per product holding its quantity, and the time
/// of the last change. Each change is one script, so that the line limit holds under concurrent changes, and renews
/// the expiry: a cart is forgotten 30 days after its last change. A cart that loses its last line is deleted, so
/// that an empty cart has no time of change. A read may answer from this replica's copy (<see cref="CartCopies"/>),
/// which every change evicts on every replica before it answers.
/// </summary>
public sealed class CartStore(IConnectionMultiplexer redis, CartCopies copies, ReplicaEvictions evictions, TimeProvider clock)
{
    public const int MaxLines = 100;
    public static readonly TimeSpan Expiry = TimeSpan.FromDays(30);

    /// <summary>How long a change waits for every other replica to drop its copy of the cart. Past it the change
    /// answers anyway, and a copy that was not dropped lives out its <see cref="CartCopies.KeptFor"/>.</summary>
    public static readonly TimeSpan EvictionReachesOthersWithin = TimeSpan.FromSeconds(1);

    private const string UpdatedAtField = "updated_at";

    // KEYS[1] the cart; ARGV: now, the expiry in ms, the line limit, product id, quantity. The cart after the change,
    // as HGETALL gives it, or 0 when the cart is full.
    private const string SetLineScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[4]) == 0
            and redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'updated_at') >= tonumber(ARGV[3]) then
            return 0
        end
        redis.call('HSET', KEYS[1], ARGV[4], ARGV[5], 'updated_at', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return redis.call('HGETALL', KEYS[1])
        """;

    // KEYS[1] the cart; ARGV: now, the expiry in ms, then pairs of product id and quantity ('*' for any). Removes each
    // line that still has that quantity, then deletes a cart with no line left or renews its expiry. The cart after the
    // change, as HGETALL gives it.
    private const string RemoveLinesScript = """
        local removed = 0
        for i = 3, #ARGV, 2 do
            if ARGV[i + 1] == '*' or redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
                removed = removed + redis.call('HDEL', KEYS[1], ARGV[i])
            end
        end
        if removed > 0 then
            if redis.call('HLEN', KEYS[1]) <= 1 then
                redis.call('DEL', KEYS[1])
            else
                redis.call('HSET', KEYS[1], 'updated_at', ARGV[1])
                redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
        end
        return redis.call('HGETALL', KEYS[1])
        """;

    /// <summary>The cart, from this replica's copy when it has one and hears the other replicas' evictions.</summary>
    public async Task<StoredCart> GetAsync(int userId)
    {
        if (!evictions.Subscribed)
        {
            return await GetFromRedisAsync(userId);
        }

        if (copies.TryGet(userId, out var copy))
        {
            return copy;
        }

        var changesBeforeRead = copies.Changes;
        var cart = await GetFromRedisAsync(userId);
        copies.Keep(userId, cart, changesBeforeRead);
        return cart;
    }

    /// <summary>The cart as Redis holds it now: what an order is placed from.</summary>
    public async Task<StoredCart> GetFromRedisAsync(int userId) =>
        Read((await redis.GetDatabase().HashGetAllAsync(Key(userId))).Select(field => (field.Name, field.Value)));

    /// <summary>Sets the quantity of a line and returns the cart; null when that would be a line past
    /// <see cref="MaxLines"/>.</summary>
    public async Task<StoredCart?> SetLineAsync(int userId, int productId, int quantity)
    {
        var result = await ChangeAsync(userId, db => db.ScriptEvaluateAsync(SetLineScript, [Key(userId)], [.. Change(), MaxLines, productId, quantity]));
        return result.Resp2Type == ResultType.Integer ? null : Read(result);
    }

    public async Task<StoredCart> RemoveLineAsync(int userId, int productId) => Read(await RemoveAsync(userId, [productId, "*"]));

    /// <summary>Removes the lines an order was placed for, unless the customer changed one meanwhile.</summary>
    public Task RemoveOrderedAsync(int userId, IEnumerable<(int ProductId, int Quantity)> lines) =>
        RemoveAsync(userId, [.. lines.SelectMany(l => new RedisValue[] { l.ProductId, l.Quantity })]);

    public Task ClearAsync(int userId) => ChangeAsync(userId, db => db.KeyDeleteAsync(Key(userId)));

    private Task<RedisResult> RemoveAsync(int userId, RedisValue[] lines) =>
        ChangeAsync(userId, db => db.ScriptEvaluateAsync(RemoveLinesScript, [Key(userId)], [.. Change(), .. lines]));

    /// <summary>Runs a change, then evicts the cart's copies here and on every other replica, also when the change
    /// failed: Redis may have applied a change whose answer was lost.</summary>
    private async Task<T> ChangeAsync<T>(int userId, Func<IDatabase, Task<T>> change)
    {
        try
        {
            return await change(redis.GetDatabase());
        }
        finally
        {
            copies.Evict(userId);
            await evictions.EvictEverywhereAsync(CartCopies.Name, userId.ToString(CultureInfo.InvariantCulture), EvictionReachesOthersWithin);
        }
    }

    /// <summary>A cart from the flat field, value, field, value… that a script's HGETALL returns.</summary>
    private static StoredCart Read(RedisResult hash)
    {
        var flat = (RedisValue[])hash!;
        return Read(Enumerable.Range(0, flat.Length / 2).Select(i => (flat[2 * i], flat[2 * i + 1])));
    }

    private static StoredCart Read(IEnumerable<(RedisValue Name, RedisValue Value)> fields)
    {
        var lines = new List<(int ProductId, int Quantity)>();
        DateTime? updatedAt = null;
        foreach (var (name, value) in fields)
        {
            if (name == UpdatedAtField)
            {
                updatedAt = DateTime.Parse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            }
            else
            {
                lines.Add(((int)name, (int)value));
            }
        }

        return lines.Count == 0 ? StoredCart.Empty : new StoredCart([.. lines.OrderBy(l => l.ProductId)], updatedAt);
    }

    /// <summary>The arguments every change starts with: the time of the change and the cart's new expiry.</summary>
    private RedisValue[] Change() =>
        [clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture), (long)Expiry.TotalMilliseconds];

    private static RedisKey Key(int userId) => $"cart:{userId}";
}
