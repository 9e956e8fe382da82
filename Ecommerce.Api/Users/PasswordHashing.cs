using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Ecommerce.Api.Users;

/// <summary>
/// Runs every password hash and verification on a few threads of the lowest scheduling priority, behind a bounded
/// queue. A hash costs tens of milliseconds of CPU, so a flood of sign-ins or registrations could otherwise take both
/// cores from catalog reads and orders; at the lowest priority the hashing uses what they leave, and when the queue is
/// full the caller answers 429 instead of waiting.
/// </summary>
public sealed class PasswordHashing : IDisposable
{
    public const int QueueCapacity = 64;

    private const int PrioProcess = 0;
    private const int LowestPriority = 19;

    private readonly BlockingCollection<Action> _queue = new(QueueCapacity);
    private readonly ILogger<PasswordHashing> _logger;

    public PasswordHashing(ILogger<PasswordHashing> logger)
    {
        _logger = logger;
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"password-hashing-{i}" }.Start();
        }
    }

    /// <summary>Runs <paramref name="hash"/> on a hashing thread; null at once when the queue is full.</summary>
    public Task<T>? TryRun<T>(Func<T> hash)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = _queue.TryAdd(() =>
        {
            try
            {
                done.SetResult(hash());
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        });
        return queued ? done.Task : null;
    }

    public void Dispose() => _queue.CompleteAdding();

    private void Work()
    {
        if (OperatingSystem.IsLinux() && SetPriority(PrioProcess, GetThreadId(), LowestPriority) != 0)
        {
            _logger.LogWarning("Password hashing runs at normal priority: setpriority failed with errno {Errno}", Marshal.GetLastPInvokeError());
        }

        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }

    // On Linux a thread id names one thread to setpriority, so this lowers the priority of the calling thread only.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
