using System.Globalization;
using System.Text;
using Ecommerce.Tests.Events;
using Npgsql;

namespace Ecommerce.Tests.Platform;

/// <summary>
/// The fault campaign: two replicas of each service under a steady load of retrying shoppers, and one fault after
/// another. Afterwards nothing is lost, doubled, oversold, left unpublished or dead-lettered, and after each fault the
/// orders placed once it ended are paid as fast as before it within <see cref="RecoveryBound"/>. It prints a table:
/// the fault, the requests sent during it, the failed first tries, the worst order-to-paid, the seconds to recover.
/// </summary>
[Collection(nameof(Replicated))]
public sealed class FaultCampaignTests(ReplicatedSystem system)
{
    private const int Stock = 100_000;
    private static readonly TimeSpan FaultLasts = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Observed = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(5);

    // Six customers who each begin an order every quarter of a second: about 24 orders and 48 requests a second.
    private const int Customers = 6;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record Fault(string Name, Func<Task> InjectAsync);

    private sealed record Window(string Fault, DateTime Start, DateTime End);

    [Fact]
    public async Task Each_fault_loses_doubles_and_oversells_nothing_and_the_pipeline_recovers_within_5_seconds_of_its_end()
    {
        var api = new ApiSession(system);
        using var admin = await api.AdminAsync();
        var products = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            products.Add((await api.CreateProductAsync(admin, ApiSession.UniqueName("campaign"), 3m, Stock)).Id);
        }

        var customers = new List<(HttpClient Client, int UserId, Credentials Credentials)>();
        for (var i = 0; i < Customers; i++)
        {
            customers.Add(await api.NewCustomerAsync());
        }

        var deadLetteredBefore = await DeadLettersAsync();

        var shoppers = new RetryingShoppers([.. customers.Select(c => c.Client)], products, Pace);
        using var stopShopping = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var shopping = shoppers.RunAsync(stopShopping.Token, Cancel);
        var windows = new List<Window>();
        // The first seconds of load run slower while the services compile their hot paths: not a baseline.
        await Task.Delay(Observed, Cancel);
        var baselineStart = DateTime.UtcNow;
        await Task.Delay(Observed, Cancel);
        windows.Add(new Window("none (baseline)", baselineStart, DateTime.UtcNow));
        foreach (var fault in Faults())
        {
            var start = DateTime.UtcNow;
            await fault.InjectAsync();
            windows.Add(new Window(fault.Name, start, DateTime.UtcNow));
            await Task.Delay(Observed, Cancel);
        }

        await stopShopping.CancelAsync();
        await shopping;
        await using var database = await OpenDatabaseAsync();
        long[] users = [.. customers.Select(c => (long)c.UserId)];
        long[] confirmed = [.. shoppers.Confirmed];
        await Eventually.WaitForAsync(() => CountAsync(database,
                "SELECT count(*) FROM orders WHERE id = ANY(@ids) AND status = 'Paid'", ("ids", confirmed)),
            paid => paid == confirmed.Length, TimeSpan.FromSeconds(90), "every confirmed order to be paid");
        await Eventually.WaitForAsync(() => CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"),
            unpublished => unpublished == 0, Shopping.PipelineTimeout, "the outbox to empty");
        await Eventually.WaitForAsync(() => TextAsync(database, """
                SELECT coalesce(string_agg(o.id || ' ' || o.status, ', '), '') FROM orders o
                WHERE o.user_id = ANY(@users) AND NOT EXISTS (
                    SELECT 1 FROM order_timeline t WHERE t.order_id = o.id AND t.type IN ('order.paid', 'order.canceled'))
                """, ("users", users)),
            missing => missing.Length == 0, Shopping.PipelineTimeout, "every order's last event on its timeline");

        var latencies = await OrderToPaidAsync(database, users);
        var table = Table(windows, shoppers, latencies, out var recoveries);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        Console.WriteLine(table);

        Assert.Equal(shoppers.Placed, await CountAsync(database, "SELECT count(*) FROM orders WHERE user_id = ANY(@users)", ("users", users)));
        Assert.Equal(0, await CountAsync(database, """
            SELECT count(*) FROM (SELECT 1 FROM order_timeline t JOIN orders o ON o.id = t.order_id
                                  WHERE o.user_id = ANY(@users) GROUP BY t.order_id, t.type HAVING count(*) > 1) twice
            """, ("users", users)));
        Assert.Equal(0, await CountAsync(database, """
            SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE o.user_id = ANY(@users) AND p.status NOT IN ('Completed', 'Failed')
            """, ("users", users)));
        Assert.Equal(confirmed.Length, await CountAsync(database, """
            SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE o.user_id = ANY(@users) AND p.status = 'Completed'
            """, ("users", users)));
        Assert.Equal(0, await CountAsync(database, """
            SELECT count(*) FROM products p
            WHERE p.id = ANY(@products) AND @stock - p.stock <> (
                SELECT coalesce(sum(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id
                WHERE i.product_id = p.id AND o.status <> 'Canceled')
            """, ("products", products.Select(p => (long)p).ToArray()), ("stock", Stock)));
        Assert.Equal(deadLetteredBefore, await DeadLettersAsync());
        Assert.All(recoveries, recovery => Assert.True(recovery.Seconds <= RecoveryBound.TotalSeconds,
            $"{recovery.Fault}: {recovery.Seconds:F1} s to recover"));

        foreach (var (client, _, _) in customers)
        {
            client.Dispose();
        }
    }

    private IEnumerable<Fault> Faults()
    {
        yield return new Fault("broker stopped", () => StoppedAsync("rabbitmq"));
        yield return new Fault("broker frozen", () => FrozenAsync("rabbitmq"));
        yield return new Fault("PostgreSQL restarted (a backend killed)", DatabaseRestartedAsync);
        yield return new Fault("PostgreSQL frozen", () => FrozenAsync("postgres"));
        yield return new Fault("Redis frozen", () => FrozenAsync("redis"));
        yield return new Fault("payment worker replica killed", () => KilledAsync("payment-worker"));
        yield return new Fault("order consumer replica killed", () => KilledAsync("order-consumer"));
        yield return new Fault("API replica killed", () => KilledAsync("api"));
    }

    private async Task StoppedAsync(string server)
    {
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync(server, "resource-stop", Cancel);
        Assert.True(stopped.Success, stopped.Message);
        await Task.Delay(FaultLasts, Cancel);
        var started = await commands.ExecuteCommandAsync(server, "resource-start", Cancel);
        Assert.True(started.Success, started.Message);
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync(server, Cancel);
    }

    /// <summary>A client backend killed with SIGKILL: PostgreSQL then ends every session and restarts, as after a
    /// crash.</summary>
    private async Task DatabaseRestartedAsync()
    {
        var backend = Processes.TreeOf(ProcessOf("postgres")).First(pid => Processes.CommandLineOf(pid).StartsWith("postgres: postgres ecommerce", StringComparison.Ordinal));
        Processes.Signal(backend, "KILL");
        await Eventually.WaitForAsync(async () =>
            {
                try
                {
                    await using var database = await OpenDatabaseAsync();
                    return true;
                }
                catch (NpgsqlException)
                {
                    return false;
                }
            },
            accepts => accepts, Shopping.PipelineTimeout, "PostgreSQL to accept connections again");
    }

    private async Task FrozenAsync(string server)
    {
        var process = ProcessOf(server);
        Processes.SignalTree(process, "STOP");
        try
        {
            await Task.Delay(FaultLasts, Cancel);
        }
        finally
        {
            Processes.SignalTree(process, "CONT");
        }
    }

    private int ProcessOf(string server)
    {
        Assert.True(system.App.ResourceNotifications.TryGetCurrentState(server, out var state), $"{server} is unknown");
        return Processes.IdOf(state);
    }

    /// <summary>Kills a replica with SIGKILL, mid-work, and starts it again as its platform would.</summary>
    private async Task KilledAsync(string service)
    {
        var replica = (await system.ReplicasAsync(service, Cancel))[^1];
        using var process = Processes.ServiceOf(replica);
        Processes.Signal(process.Id, "KILL");
        await process.WaitForExitAsync(Cancel);
        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        await Eventually.WaitForAsync(async () => (await commands.ExecuteCommandAsync(replica.ResourceId, "resource-start", Cancel)).Success,
            started => started, Shopping.PipelineTimeout, $"the killed {service} replica to start again");
        await system.ReplicasAsync(service, Cancel);
    }

    /// <summary>Each paid order's placement and how long it took to be paid, from the database's own timestamps.</summary>
    private static async Task<List<(DateTime Placed, TimeSpan ToPaid)>> OrderToPaidAsync(NpgsqlConnection database, long[] users)
    {
        await using var command = new NpgsqlCommand("""
            SELECT o.created_at, p.updated_at - o.created_at FROM orders o JOIN payments p ON p.order_id = o.id
            WHERE o.user_id = ANY(@users) AND p.status = 'Completed'
            """, database);
        command.Parameters.AddWithValue("users", users);
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var latencies = new List<(DateTime, TimeSpan)>();
        while (await reader.ReadAsync(Cancel))
        {
            latencies.Add((reader.GetDateTime(0), reader.GetTimeSpan(1)));
        }

        return latencies;
    }

    /// <summary>The campaign's table. A fault's worst order-to-paid is over the orders placed from its start until
    /// shortly before the next fault's; its recovery is how long after its end orders were still placed that took
    /// longer to be paid than twice the baseline's 99th percentile.</summary>
    private static string Table(List<Window> windows, RetryingShoppers shoppers, List<(DateTime Placed, TimeSpan ToPaid)> latencies,
        out List<(string Fault, double Seconds)> recoveries)
    {
        var baseline = windows[0];
        var normal = 2 * Percentile99([.. latencies.Where(l => l.Placed >= baseline.Start && l.Placed <= baseline.End).Select(l => l.ToPaid)]);
        var table = new StringBuilder().AppendLine("""
            | fault | requests during it | failed first tries | worst order-to-paid | seconds to recover |
            |---|---:|---:|---:|---:|
            """);
        recoveries = [];
        foreach (var (window, index) in windows.Select((window, index) => (window, index)))
        {
            var until = index + 1 < windows.Count ? windows[index + 1].Start : window.End + Observed;
            var tries = shoppers.FirstTries.Where(t => t.At >= window.Start && t.At <= window.End).ToList();
            // An order placed just before the next fault may be slowed by it: it counts for that one.
            var affected = latencies.Where(l => l.Placed >= window.Start && l.Placed < until - normal).ToList();
            var worst = affected.Count == 0 ? TimeSpan.Zero : affected.Max(l => l.ToPaid);
            var slowAfter = affected.Where(l => l.Placed > window.End && l.ToPaid > normal)
                .Select(l => (l.Placed - window.End).TotalSeconds);
            var recovery = slowAfter.DefaultIfEmpty(0).Max();

            if (window != baseline)
            {
                recoveries.Add((window.Fault, recovery));
            }

            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {window.Fault} | {tries.Count} | {tries.Count(t => t.Failed)} | {worst.TotalMilliseconds:F0} ms | {recovery:F1} |");
        }

        return table.AppendLine(CultureInfo.InvariantCulture, $"Normal order-to-paid: at most {normal.TotalMilliseconds:F0} ms.").ToString();
    }

    private static TimeSpan Percentile99(List<TimeSpan> latencies)
    {
        latencies.Sort();
        return latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
    }

    /// <summary>Through a connection of its own: the broker's faults close any connection opened before them.</summary>
    private async Task<long> DeadLettersAsync()
    {
        await using var broker = await BrokerClient.ConnectAsync(system);
        await using var channel = await broker.CreateChannelAsync(cancellationToken: Cancel);
        return await BrokerClient.DeadLettersAsync(channel);
    }

    private async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(await system.App.GetConnectionStringAsync("postgres", Cancel));
        await connection.OpenAsync(Cancel);
        return connection;
    }

    private static async Task<long> CountAsync(NpgsqlConnection database, string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(database, sql, parameters), CultureInfo.InvariantCulture);

    private static async Task<string> TextAsync(NpgsqlConnection database, string sql, params (string Name, object Value)[] parameters) =>
        (string)(await ScalarAsync(database, sql, parameters))!;

    private static async Task<object?> ScalarAsync(NpgsqlConnection database, string sql, (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, database);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(Cancel);
    }
}
