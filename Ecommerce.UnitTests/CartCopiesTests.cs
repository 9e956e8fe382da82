using Ecommerce.Api.Cart;

namespace Ecommerce.UnitTests;

public sealed class CartCopiesTests
{
    private static readonly StoredCart OneLine = new([(7, 2)], DateTime.UtcNow);

    [Fact]
    public void A_read_with_no_change_meanwhile_is_kept_until_its_cart_changes()
    {
        var copies = new CartCopies();

        copies.Keep(1, OneLine, copies.Changes);

        Assert.True(copies.TryGet(1, out var copy));
        Assert.Same(OneLine, copy);
        copies.Evict(1);
        Assert.False(copies.TryGet(1, out _));
    }

    [Fact]
    public void A_read_that_a_change_overtook_is_not_kept()
    {
        var copies = new CartCopies();
        var changesBeforeRead = copies.Changes;

        copies.Evict(2);
        copies.Keep(1, OneLine, changesBeforeRead);

        Assert.False(copies.TryGet(1, out _));
    }

    [Fact]
    public async Task Dropping_every_copy_also_stops_the_reads_in_flight_from_keeping_theirs()
    {
        var copies = new CartCopies();
        copies.Keep(1, OneLine, copies.Changes);
        var changesBeforeRead = copies.Changes;

        await copies.EvictAllAsync();
        copies.Keep(2, OneLine, changesBeforeRead);

        Assert.False(copies.TryGet(1, out _));
        Assert.False(copies.TryGet(2, out _));
    }

    [Fact]
    public async Task Another_replica_evicts_a_cart_by_its_user_id()
    {
        var copies = new CartCopies();
        copies.Keep(42, OneLine, copies.Changes);
        copies.Keep(43, OneLine, copies.Changes);

        await copies.EvictAsync("42");

        Assert.False(copies.TryGet(42, out _));
        Assert.True(copies.TryGet(43, out _));
    }
}
