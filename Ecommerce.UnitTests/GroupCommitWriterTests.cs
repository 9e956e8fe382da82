using Ecommerce.Shared.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.UnitTests;

/// <summary>Items that arrive while a write runs share the next write, and a write that fails for one item's sake
/// fails only that item.</summary>
public sealed class GroupCommitWriterTests
{
    [Fact]
    public async Task Items_submitted_while_a_write_runs_share_the_next_write()
    {
        await using var writer = await GatedWriter.StartedAsync();

        var first = writer.Submit("a");
        await writer.WaitForWriteAsync(1);
        var (second, third) = (writer.Submit("b"), writer.Submit("c"));
        writer.Open();

        Assert.Equal(["a!", "b!", "c!"], await Task.WhenAll(first, second, third));
        Assert.Equal([["a"], ["b", "c"]], writer.Writes);
    }

    [Fact]
    public async Task A_write_one_item_breaks_is_done_again_item_by_item_and_fails_only_that_item()
    {
        await using var writer = await GatedWriter.StartedAsync();

        var held = writer.Submit("a");
        await writer.WaitForWriteAsync(1);
        var (good, bad, alsoGood) = (writer.Submit("b"), writer.Submit(GatedWriter.Broken), writer.Submit("c"));
        writer.Open();

        Assert.Equal(["a!", "b!", "c!"], await Task.WhenAll(held, good, alsoGood));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal([["a"], ["b", GatedWriter.Broken, "c"], ["b"], [GatedWriter.Broken], ["c"]], writer.Writes);
    }

    [Fact]
    public async Task A_write_that_fails_for_everyone_fails_every_item_without_writing_them_again()
    {
        await using var writer = await GatedWriter.StartedAsync();

        var held = writer.Submit("a");
        await writer.WaitForWriteAsync(1);
        var (good, down) = (writer.Submit("b"), writer.Submit(GatedWriter.Unavailable));
        writer.Open();

        await held;
        await Assert.ThrowsAsync<TimeoutException>(() => good);
        await Assert.ThrowsAsync<TimeoutException>(() => down);
        Assert.Equal([["a"], ["b", GatedWriter.Unavailable]], writer.Writes);
    }

    /// <summary>Holds its first write until the test opens it, so that later items pile up behind it. An item
    /// <see cref="Broken"/> breaks the write it is in; an item <see cref="Unavailable"/> fails it as an outage would.</summary>
    private sealed class GatedWriter()
        : GroupCommitWriter<string, string>(NoServices, "test write", maxItemsPerWrite: 10), IAsyncDisposable
    {
        public const string Broken = "broken";
        public const string Unavailable = "unavailable";

        private static readonly IServiceScopeFactory NoServices =
            new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _writeStarted = new(0);

        public List<string[]> Writes { get; } = [];

        public static async Task<GatedWriter> StartedAsync()
        {
            var writer = new GatedWriter();
            await writer.StartAsync(CancellationToken.None);
            return writer;
        }

        public Task<string> Submit(string item) => SubmitAsync(item, CancellationToken.None);

        public void Open() => _open.TrySetResult();

        public async Task WaitForWriteAsync(int count)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Writes.Count < count)
            {
                await _writeStarted.WaitAsync(deadline.Token);
            }
        }

        protected override async Task<IReadOnlyList<string>> WriteAsync(
            IServiceProvider services, IReadOnlyList<string> items, CancellationToken cancellationToken)
        {
            Writes.Add([.. items]);
            _writeStarted.Release();
            await _open.Task;
            if (items.Contains(Unavailable))
            {
                throw new TimeoutException("The database did not answer.");
            }

            return items.Contains(Broken)
                ? throw new InvalidOperationException("A constraint failed.")
                : items.Select(item => item + "!").ToList();
        }

        protected override bool FailsOnlySome(Exception exception) => exception is InvalidOperationException;

        public async ValueTask DisposeAsync()
        {
            Open();
            await StopAsync(CancellationToken.None);
            Dispose();
        }
    }
}
