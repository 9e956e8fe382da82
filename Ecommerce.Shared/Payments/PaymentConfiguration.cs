using Ecommerce.Shared.Orders;

namespace Ecommerce.Shared.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments");
        payment.Property(p => p.Id).UseHiLo("payments_hilo");
        payment.Property(p => p.TransactionId).HasMaxLength(11);
        payment.HasIndex(p => p.TransactionId).IsUnique();
        payment.HasIndex(p => new { p.OrderId, p.CreatedAt });
        payment.Property(p => p.Amount).HasPrecision(12, 2);
        payment.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
        payment.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        payment.Property(p => p.PaymentToken).HasMaxLength(100);
        payment.Property(p => p.Message).HasMaxLength(500);
        payment.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId);
    }
}
