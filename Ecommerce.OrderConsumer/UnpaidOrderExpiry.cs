using Ecommerce.Shared;
using Ecommerce.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.OrderConsumer;

public sealed class OrderExpiryOptions
{
    public const string Section = "Orders";

    /// <summary>How long an order may stay unpaid before it is canceled and its stock released.</summary>
    public TimeSpan ExpireUnpaidAfter { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan ExpiryScanInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Cancels pending orders older than <see cref="OrderExpiryOptions.ExpireUnpaidAfter"/> that have no payment
/// in flight, through the same transition as a customer's cancel, so stock is released exactly once.</summary>
public sealed class UnpaidOrderExpiry(
    IServiceScopeFactory scopes, OutboxSignal outbox, TimeProvider clock, IOptions<OrderExpiryOptions> options,
    ILogger<UnpaidOrderExpiry> logger) : PeriodicJob(options.Value.ExpiryScanInterval, clock, logger)
{
    private const int BatchSize = 100;

    protected override string Description => "Expiring unpaid orders";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        var cutoff = Clock.GetUtcNow().UtcDateTime - options.Value.ExpireUnpaidAfter;
        var due = await db.Orders
            .Where(o => o.Status == OrderStatus.Pending && o.PaymentStatus != PaymentStatus.Processing && o.CreatedAt < cutoff)
            .OrderBy(o => o.CreatedAt)
            .Select(o => o.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var expired = 0;
        foreach (var orderId in due)
        {
            try
            {
                var canceled = await db.InTransactionAsync(
                    token => db.CancelAsync(orderId, "expired unpaid", Clock.UtcNowForDatabase(), token), cancellationToken);
                expired += canceled is null ? 0 : 1;
            }
            catch (Exception exception) when (exception.IsNumericOverflow())
            {
                Logger.LogWarning("Order {OrderId} cannot expire: a product cannot hold the stock it would get back", orderId);
            }
        }

        if (expired > 0)
        {
            outbox.Notify();
            Logger.LogInformation("Expired {Count} unpaid orders", expired);
        }
    }
}
