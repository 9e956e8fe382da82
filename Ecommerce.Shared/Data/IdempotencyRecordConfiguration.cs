namespace Ecommerce.Shared.Data;

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
