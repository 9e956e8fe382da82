namespace Ecommerce.Api.Replicas;

/// <summary>What an API replica keeps in its own memory of data that any replica may change.</summary>
public interface IMemoryCopies
{
    /// <summary>Names these copies in the evictions that replicas send each other.</summary>
    string Kind { get; }

    /// <summary>Drops the copy of <paramref name="key"/>.</summary>
    ValueTask EvictAsync(string key);

    /// <summary>Drops every copy: while this replica was not subscribed, it may have missed evictions.</summary>
    ValueTask EvictAllAsync();
}
