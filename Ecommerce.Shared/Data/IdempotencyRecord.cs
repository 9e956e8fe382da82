namespace Ecommerce.Shared.Data;

/// <summary>
/// A request that carried an <c>Idempotency-Key</c>, saved in the same transaction as its effect. The unique key
/// (user, operation, key) makes a concurrent duplicate wait for the first and then fail, instead of acting twice.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public required string Operation { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public long ResourceId { get; set; }
    public DateTime CreatedAt { get; set; }
}
