using System.Threading.Channels;

namespace Ecommerce.Shared;

/// <summary>Wakes a polling loop as soon as there is work, instead of at its next poll. Signals that arrive while one
/// is pending merge into it: the loop's next pass takes everything there is so far.</summary>
public abstract class WakeSignal
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Returns at the next signal, or when <paramref name="timeout"/> has passed without one.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a signal.
        }
    }
}
