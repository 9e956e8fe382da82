using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.ToTable("idempotency_records");
        record.Property(r => r.Operation).HasMaxLength(50);
        record.Property(r => r.Key).HasMaxLength(200);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.HasIndex(r => new { r.UserId, r.Operation, r.Key }).IsUnique();
        // For pruning records past their retention (RecordRetention).
        record.HasIndex(r => r.CreatedAt);
    }
}
