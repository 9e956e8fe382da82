using System.Globalization;
using Ecommerce.Api.Replicas;
using Microsoft.Extensions.Caching.Memory;

namespace Ecommerce.Api.Cart;

/// <summary>
/// The carts this replica read lately, so that a cart read again is not a Redis round trip, which cost more than the
/// rest of the read. Every change to a cart, on any replica, evicts its copy here before the change answers
/// (<see cref="ReplicaEvictions"/>). A read keeps what Redis answered only if no change to any cart was applied here
/// meanwhile: an answer that Redis gave before a change must not outlive that change's eviction. A copy is kept for a
/// short while only, the bound of staleness should an eviction ever be lost.
/// </summary>
public sealed class CartCopies : IMemoryCopies
{
    public const string Name = "cart";

    /// <summary>More carts than this are read from Redis each time; the least recently used go first.</summary>
    public const int MaxCarts = 10_000;

    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);

    private readonly MemoryCache _carts = new(new MemoryCacheOptions { SizeLimit = MaxCarts });
    private readonly Lock _gate = new();
    private long _changes;

    public string Kind => Name;

    /// <summary>Counts the changes applied here; a read takes it before it asks Redis.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public bool TryGet(int userId, out StoredCart cart) => _carts.TryGetValue(userId, out cart!);

    /// <summary>Keeps what Redis answered to a read that started at <paramref name="changesBeforeRead"/>, unless a
    /// change was applied since.</summary>
    public void Keep(int userId, StoredCart cart, long changesBeforeRead)
    {
        lock (_gate)
        {
            if (_changes == changesBeforeRead)
            {
                _carts.Set(userId, cart, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });
            }
        }
    }

    public void Evict(int userId)
    {
        lock (_gate)
        {
            _changes++;
            _carts.Remove(userId);
        }
    }

    public ValueTask EvictAsync(string key)
    {
        Evict(int.Parse(key, CultureInfo.InvariantCulture));
        return ValueTask.CompletedTask;
    }

    public ValueTask EvictAllAsync()
    {
        lock (_gate)
        {
            _changes++;
            _carts.Clear();
        }

        return ValueTask.CompletedTask;
    }
}
