using Ecommerce.Shared.Data;

namespace Ecommerce.Shared.Messaging;

internal sealed class ProcessedEventConfiguration : IEntityTypeConfiguration<ProcessedEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedEvent> processed)
    {
        processed.ToTable("processed_events");
        processed.HasKey(p => new { p.Consumer, p.EventId });
        processed.Property(p => p.Consumer).HasMaxLength(100);
        // For pruning old records (EventRetention); only the consumers that record events pay for it.
        processed.HasIndex(p => p.ProcessedAt);
    }
}
