using System.Threading.Channels;

namespace Ecommerce.OrderConsumer.Webhooks;

/// <summary>A delivery to send now, leased to this dispatcher, with what signing and sending it takes.</summary>
public sealed record WebhookDue(long Id, Guid EventId, string EventType, string Body, int Attempts, string Url, string Secret)
{
    /// <summary>The columns a statement returns for each due delivery, in the order <see cref="ReadAsync"/> reads them.</summary>
    public const string Columns = "d.id, d.event_id, d.event_type, d.body, d.attempts, s.url, s.secret";

    public static async Task<List<WebhookDue>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var due = new List<WebhookDue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new WebhookDue(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetString(5), reader.GetString(6)));
        }

        return due;
    }
}

/// <summary>New deliveries, handed from the writer that leased them to this process's dispatcher, so that a first
/// attempt needs no claim of its own. The table is claimed only for retries and for leases a crashed replica left.</summary>
public sealed class NewWebhookDeliveries
{
    private readonly Channel<WebhookDue> _due = Channel.CreateUnbounded<WebhookDue>(new UnboundedChannelOptions { SingleReader = true });

    public void Add(IEnumerable<WebhookDue> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            _due.Writer.TryWrite(delivery);
        }
    }

    public IAsyncEnumerable<WebhookDue> ReadAllAsync(CancellationToken cancellationToken) => _due.Reader.ReadAllAsync(cancellationToken);
}
