using System.Diagnostics;
using System.Text.Json;
using Ecommerce.Shared.Data;

namespace Ecommerce.Shared.Messaging;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.Property(m => m.Id).ValueGeneratedNever();
        message.Property(m => m.EventType).HasMaxLength(50);
        message.Property(m => m.Payload).HasColumnType("jsonb");
        message.Property(m => m.TraceParent).HasMaxLength(64);
        message.HasIndex(m => m.CreatedAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
    }
}
