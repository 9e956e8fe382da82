using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Ecommerce.Shared;
using Ecommerce.Shared.Webhooks;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Ecommerce.OrderConsumer.Webhooks;

/// <summary>Wakes the dispatcher's claims when a send has finished and a slot is free again.</summary>
public sealed class WebhookSignal : WakeSignal;

/// <summary>
/// Sends due deliveries, signed per Standard Webhooks, at least once. A new delivery arrives leased from this process's
/// writer (<see cref="NewWebhookDeliveries"/>); retries are claimed from the table with a lease
/// (<c>FOR UPDATE SKIP LOCKED</c>), so dispatchers in several replicas share it and a crashed one's deliveries are
/// taken over when the lease ends. Each send runs on its own, up to a bound, so a slow or dead receiver holds only
/// its own deliveries. Every attempt is a row of the delivery log (<see cref="WebhookAttemptWriter"/>); a failed one
/// is retried with exponential back-off until the delivery is <see cref="WebhookOptions.RetryFor"/> old, then recorded
/// as failed. A deleted subscription's deliveries are gone with it, so nothing more is sent.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, NewWebhookDeliveries handoff, WebhookAttemptWriter attempts, WebhookSignal signal,
    IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const string Claim = $"""
        UPDATE webhook_deliveries d SET locked_until = now() + $2
        FROM webhook_subscriptions s
        WHERE s.id = d.subscription_id AND d.id IN (
            SELECT id FROM webhook_deliveries
            WHERE status = 'Pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING {WebhookDue.Columns}
        """;

    private readonly HttpClient _http = CreateClient(options.Value);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDeliveries);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendNewAsync(stoppingToken), ClaimDueAsync(stoppingToken));

    private async Task SendNewAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in handoff.ReadAllAsync(stoppingToken))
            {
                await StartAsync(delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Deliveries still in hand are leased; another dispatcher takes them over when the lease ends.
        }
    }

    private async Task StartAsync(WebhookDue delivery, CancellationToken stoppingToken)
    {
        await _slots.WaitAsync(stoppingToken);
        _ = Task.Run(() => SendAndRecordAsync(delivery, stoppingToken), CancellationToken.None);
    }

    private async Task ClaimDueAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = _slots.CurrentCount;
                var due = free == 0 ? [] : await ClaimAsync(free, stoppingToken);
                foreach (var delivery in due)
                {
                    await StartAsync(delivery, stoppingToken);
                }

                // With every slot taken, more may be due: claim again when a send finishes. Otherwise nothing more is
                // due until the next poll, and claiming after every send would scan the table for nothing.
                if (free == 0 || due.Count == free)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
                else
                {
                    await Task.Delay(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(exception, "Could not claim webhook deliveries; trying again");
                await signal.WaitAsync(settings.PollInterval, stoppingToken);
            }
        }
    }

    private async Task<List<WebhookDue>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        return await db.OnConnectionAsync(async connection =>
        {
            await using var claim = new NpgsqlCommand(Claim, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<int> { TypedValue = limit },
                    new NpgsqlParameter<TimeSpan> { TypedValue = options.Value.Lease },
                },
            };
            return await WebhookDue.ReadAsync(claim, cancellationToken);
        }, cancellationToken);
    }

    private async Task SendAndRecordAsync(WebhookDue delivery, CancellationToken stoppingToken)
    {
        try
        {
            var (statusCode, error, elapsed) = await SendAsync(delivery, stoppingToken);
            var attempt = new WebhookAttempt(delivery.Id, delivery.Attempts, statusCode, error, elapsed);
            await attempts.RecordAsync(attempt, stoppingToken);
            if (!attempt.Delivered)
            {
                logger.LogInformation("Webhook delivery {DeliveryId} of event {EventId} failed ({Status}); retrying later",
                    delivery.Id, delivery.EventId, statusCode?.ToString() ?? error);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The lease runs out, and the delivery is tried again.
            logger.LogWarning(exception, "Could not record webhook delivery {DeliveryId}", delivery.Id);
        }
        finally
        {
            _slots.Release();
            signal.Notify();
        }
    }

    private async Task<(int? StatusCode, string? Error, TimeSpan Elapsed)> SendAsync(WebhookDue delivery, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var timestamp = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        var id = delivery.EventId.ToString();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(delivery.Secret).Sign(id, timestamp, delivery.Body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.Value.Timeout.TotalSeconds:0} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException exception)
        {
            return (null, Truncate(exception.Message), Stopwatch.GetElapsedTime(started));
        }
    }

    private static string Truncate(string message) => message.Length <= 500 ? message : message[..500];

    /// <summary>No redirects, and a connection only to addresses the <see cref="NetworkGuard"/> allows, checked after
    /// the name is resolved, so that a receiver's name cannot be pointed at the deployment's own network.</summary>
    private static HttpClient CreateClient(WebhookOptions settings)
    {
        var guard = new NetworkGuard(settings.AllowPrivateNetworks);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = settings.Timeout,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await System.Net.Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                var allowed = addresses.Where(guard.Allows).ToArray();
                if (allowed.Length == 0)
                {
                    throw new HttpRequestException($"{context.DnsEndPoint.Host} is on a network webhooks may not reach.");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public override void Dispose()
    {
        _http.Dispose();
        _slots.Dispose();
        base.Dispose();
    }
}
