using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Webhooks;
using Microsoft.Extensions.Options;
using Npgsql;
using StandardWebhooks;

namespace Ecommerce.OrderConsumer.Webhooks;

/// <summary>
/// Sends due deliveries, signed per Standard Webhooks, at least once. A delivery is claimed with a lease
/// (<c>FOR UPDATE SKIP LOCKED</c>), so dispatchers in several replicas share the table and a crashed one's deliveries
/// are taken over when the lease ends. Each send runs on its own, up to a bound, so a slow or dead receiver holds only
/// its own deliveries. Every attempt is a row of the delivery log; a failed one is retried with exponential back-off
/// until the delivery is <see cref="WebhookOptions.RetryFor"/> old, then recorded as failed. A deleted subscription's
/// deliveries are gone with it, so nothing more is sent, and an attempt in flight records nothing.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookSignal signal, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private sealed record Due(long Id, Guid EventId, string EventType, string Body, int Attempts, string Url, string Secret);

    private const string Claim = """
        UPDATE webhook_deliveries d SET locked_until = now() + $2
        FROM webhook_subscriptions s
        WHERE s.id = d.subscription_id AND d.id IN (
            SELECT id FROM webhook_deliveries
            WHERE status = 'Pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.event_id, d.event_type, d.body, d.attempts, s.url, s.secret
        """;

    // The attempt is logged only while its delivery exists; the delivery then is delivered, retried later or failed.
    private const string Record = """
        WITH logged AS (
            INSERT INTO webhook_attempts (delivery_id, subscription_id, event_id, event_type, attempt, status_code, error, duration_ms, delivered_at)
            SELECT d.id, d.subscription_id, d.event_id, d.event_type, d.attempts + 1, $2, $3, $4, now()
            FROM webhook_deliveries d WHERE d.id = $1)
        UPDATE webhook_deliveries SET
            attempts = attempts + 1,
            locked_until = NULL,
            status = CASE WHEN $5 THEN 'Delivered' WHEN now() >= created_at + $7 THEN 'Failed' ELSE 'Pending' END,
            next_attempt_at = now() + $6
        WHERE id = $1
        """;

    private readonly HttpClient _http = CreateClient(options.Value);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDeliveries);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
                    await _slots.WaitAsync(stoppingToken);
                    _ = Task.Run(() => SendAndRecordAsync(delivery, stoppingToken), CancellationToken.None);
                }

                // Wait when every slot is taken (a finished send signals) or nothing more is due.
                if (free == 0 || due.Count < free)
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
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

    private async Task<List<Due>> ClaimAsync(int limit, CancellationToken cancellationToken)
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
                    new NpgsqlParameter<TimeSpan> { TypedValue = options.Value.Timeout * 3 },
                },
            };
            var due = new List<Due>();
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                due.Add(new Due(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.GetString(5), reader.GetString(6)));
            }

            return due;
        }, cancellationToken);
    }

    private async Task SendAndRecordAsync(Due delivery, CancellationToken stoppingToken)
    {
        try
        {
            var (statusCode, error, elapsed) = await SendAsync(delivery, stoppingToken);
            var delivered = statusCode is >= 200 and < 300;
            await RecordAsync(delivery, statusCode, error, elapsed, delivered, stoppingToken);
            if (!delivered)
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

    private async Task<(int? StatusCode, string? Error, TimeSpan Elapsed)> SendAsync(Due delivery, CancellationToken stoppingToken)
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

    private async Task RecordAsync(Due delivery, int? statusCode, string? error, TimeSpan elapsed, bool delivered, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var retryDelay = TimeSpan.FromTicks(Math.Min(
            settings.MaxRetryDelay.Ticks, settings.FirstRetryDelay.Ticks * (1L << Math.Min(delivery.Attempts, 20))));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcommerceDbContext>();
        await db.OnConnectionAsync(async connection =>
        {
            await using var record = new NpgsqlCommand(Record, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<long> { TypedValue = delivery.Id },
                    new NpgsqlParameter { Value = (object?)statusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
                    new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new NpgsqlParameter<int> { TypedValue = (int)elapsed.TotalMilliseconds },
                    new NpgsqlParameter<bool> { TypedValue = delivered },
                    new NpgsqlParameter<TimeSpan> { TypedValue = retryDelay },
                    new NpgsqlParameter<TimeSpan> { TypedValue = settings.RetryFor },
                },
            };
            return await record.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
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
