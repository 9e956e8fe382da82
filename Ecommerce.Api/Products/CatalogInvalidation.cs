namespace Ecommerce.Api.Products;

/// <summary>
/// Clears the catalog's cache after a committed change to any product. Every order changes stock, so under
/// load one Redis write per order was a large share of the API's work; instead, writers that ask while an invalidation
/// is running share the next one. Each caller's invalidation still starts after its own change committed, so the
/// change is visible to the next read. An invalidation that the cache's second level holds up releases its writers
/// after <paramref name="bound"/>, and the next one starts then: the memory level, which the clear changes first,
/// must not wait behind a stalled Redis.
/// </summary>
public sealed class CatalogInvalidation(Func<ValueTask> clear, TimeSpan bound)
{
    private readonly Lock _gate = new();
    private Task _running = Task.CompletedTask;
    private Task? _next;

    /// <summary>Completes once an invalidation that started after this call has finished. It is not cancelable: a
    /// committed change must not stay hidden because its client went away.</summary>
    public Task InvalidateAsync()
    {
        TaskCompletionSource next;
        Task running;
        lock (_gate)
        {
            if (_next is { } queued)
            {
                return queued;
            }

            next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _next = next.Task;
            running = _running;
        }

        _ = RunAfterAsync(running, next);
        return next.Task;
    }

    private async Task RunAfterAsync(Task running, TaskCompletionSource next)
    {
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            _running = next.Task;
            _next = null;
        }

        try
        {
            await clear().AsTask().WaitAsync(bound);
            next.SetResult();
        }
        catch (TimeoutException)
        {
            next.SetResult();
        }
        catch (Exception exception)
        {
            next.SetException(exception);
        }
    }
}
