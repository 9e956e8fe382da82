using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Ecommerce.Api.Users;

/// <summary>
/// Runs every password hash and verification on a few threads of the lowest scheduling priority (nice 19), behind a
/// bounded queue. A hash costs tens of milliseconds of CPU, so a flood of sign-ins or registrations could otherwise take
/// both cores from catalog reads and orders; at the lowest priority the hashing gets all the CPU they leave and next to
/// nothing that they want (nice 10 still cost the reads a quarter of their throughput under a flood, nice 19 nothing
/// measurable: docs/performance.md). When the queue is full, or a hash has waited past <see cref="MaxWait"/> (the machine has been busy with other work all along), the
/// caller answers 429 instead of waiting longer.
/// </summary>
public sealed class PasswordHashing : IDisposable
{
    public const int QueueCapacity = 64;

    private const int PrioProcess = 0;
    private const int LowestPriority = 19;

    private readonly BlockingCollection<Action> _queue = new(QueueCapacity);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxWait;
    private readonly ILogger<PasswordHashing> _logger;

    public PasswordHashing(TimeProvider clock, IOptions<PasswordHashingOptions> options, ILogger<PasswordHashing> logger)
    {
        _clock = clock;
        _maxWait = options.Value.MaxWait;
        _logger = logger;
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"password-hashing-{i}" }.Start();
        }
    }

    /// <summary>Whether a hash asked for now would be refused: lets a caller refuse before doing any other work.</summary>
    public bool IsFull => _queue.Count >= QueueCapacity;

    /// <summary>Runs <paramref name="hash"/> on a hashing thread; null at once when the queue is full. The task fails
    /// with <see cref="HashingTimeoutException"/> when the hash waited longer than the configured wait to start.</summary>
    public Task<T>? TryRun<T>(Func<T> hash)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedAt = _clock.GetTimestamp();
        var queued = _queue.TryAdd(() =>
        {
            try
            {
                if (_clock.GetElapsedTime(queuedAt) > _maxWait)
                {
                    done.SetException(new HashingTimeoutException());
                    return;
                }

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

public sealed class PasswordHashingOptions
{
    public const string Section = "PasswordHashing";

    /// <summary>How long a hash may wait for a hashing thread before its request is answered 429 instead.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>A hash waited too long for a hashing thread and was not run.</summary>
public sealed class HashingTimeoutException() : TimeoutException("The password hash waited too long to run.");
