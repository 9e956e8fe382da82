using Ecommerce.Api.Products;

namespace Ecommerce.UnitTests;

/// <summary>The catalog's invalidations are shared between concurrent writers, but no writer may be told its change
/// is visible before an invalidation that started after it asked.</summary>
public sealed class CatalogInvalidationTests
{
    [Fact]
    public async Task Writers_that_ask_during_an_invalidation_share_the_next_one()
    {
        var (cache, invalidation, first) = await StartedAsync(TimeSpan.FromMinutes(1));

        var second = invalidation.InvalidateAsync();
        var third = invalidation.InvalidateAsync();

        Assert.Equal(1, cache.Started);
        Assert.Same(second, third);
        cache.FinishNext();
        await first;
        Assert.False(second.IsCompleted);
        await cache.WaitForStartAsync(2);
        cache.FinishNext();
        await second;
        Assert.Equal(2, cache.Started);
    }

    [Fact]
    public async Task A_failed_invalidation_fails_its_writers_and_the_next_writer_starts_a_new_one()
    {
        var cache = new GatedCache();
        var invalidation = new CatalogInvalidation(cache.ClearAsync, TimeSpan.FromMinutes(1));

        var failing = invalidation.InvalidateAsync();
        cache.FailNext(new InvalidOperationException("Redis is down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        var retried = invalidation.InvalidateAsync();
        await cache.WaitForStartAsync(2);
        cache.FinishNext();
        await retried;
    }

    [Fact]
    public async Task An_invalidation_that_redis_holds_up_releases_its_writers_after_the_bound_and_the_next_one_starts()
    {
        var (cache, invalidation, stalled) = await StartedAsync(TimeSpan.FromMilliseconds(200));

        var next = invalidation.InvalidateAsync();

        await stalled.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await cache.WaitForStartAsync(2);
        Assert.False(next.IsCompleted);
        cache.FinishLast();
        await next;
    }

    /// <summary>An invalidation, bounded by <paramref name="bound"/>, that has started and waits on its cache.</summary>
    private static async Task<(GatedCache Cache, CatalogInvalidation Invalidation, Task Running)> StartedAsync(TimeSpan bound)
    {
        var cache = new GatedCache();
        var invalidation = new CatalogInvalidation(cache.ClearAsync, bound);
        var running = invalidation.InvalidateAsync();
        await cache.WaitForStartAsync(1);
        return (cache, invalidation, running);
    }

    /// <summary>A cache whose clears finish only when the test says so.</summary>
    private sealed class GatedCache
    {
        private readonly Queue<TaskCompletionSource> _running = new();
        private readonly Lock _gate = new();

        private int _started;

        public int Started
        {
            get
            {
                lock (_gate)
                {
                    return _started;
                }
            }
        }

        public ValueTask ClearAsync()
        {
            var invalidation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _started++;
                _running.Enqueue(invalidation);
            }

            return new ValueTask(invalidation.Task);
        }

        public void FinishNext() => Next().SetResult();

        public void FinishLast()
        {
            lock (_gate)
            {
                _running.Last().SetResult();
            }
        }

        public void FailNext(Exception exception) => Next().SetException(exception);

        public Task WaitForStartAsync(int count) =>
            Eventually.WaitForAsync(() => Task.FromResult(Started), started => started == count, TimeSpan.FromSeconds(5), $"invalidation {count} to start");

        private TaskCompletionSource Next()
        {
            lock (_gate)
            {
                return _running.Dequeue();
            }
        }
    }
}
