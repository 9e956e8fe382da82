namespace Ecommerce.Shared.Data;

/// <summary>
/// A request that carried an <c>Idempotency-Key</c>, saved in the same transaction as its effect. The unique key
/// (user, operation, key) makes a concurrent duplicate wait for the first and then fail, instead of acting twice.
/// </summary>
[Table("idempotency_records")]
[Index(nameof(UserId), nameof(Operation), nameof(Key), IsUnique = true)]
// For pruning records past their retention (RecordRetention).
[Index(nameof(CreatedAt))]
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public int UserId { get; set; }
    [MaxLength(50)] public required string Operation { get; set; }
    [MaxLength(200)] public required string Key { get; set; }
    [MaxLength(64)] public required string RequestHash { get; set; }
    public long ResourceId { get; set; }
    public DateTime CreatedAt { get; set; }
}
