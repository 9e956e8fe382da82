using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;

namespace Ecommerce.Shared.Refunds;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable("refunds", table => table.HasCheckConstraint("ck_refunds_amount_positive", "amount > 0"));
        refund.Property(r => r.Amount).HasPrecision(12, 2);
        refund.Property(r => r.Reason).HasMaxLength(Refund.MaxReasonLength);
        refund.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        refund.Property(r => r.Message).HasMaxLength(500);
        refund.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId);
        refund.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId);
        refund.HasIndex(r => new { r.OrderId, r.CreatedAt });
    }
}
