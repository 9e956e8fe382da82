using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared;

/// <summary>Housekeeping that runs every <c>interval</c>. A failed run is logged and tried again at the next tick, so
/// a database outage pauses the job instead of stopping it.</summary>
public abstract class PeriodicJob(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    /// <summary>What one run does, for the log ("Expiring unpaid orders").</summary>
    protected abstract string Description { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Logger.LogWarning(exception, "{Job} failed; trying again in {Interval}", Description, interval);
            }
        }
    }
}
