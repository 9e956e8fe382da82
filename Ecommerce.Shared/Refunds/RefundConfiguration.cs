namespace Ecommerce.Shared.Refunds;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable(table => table.HasCheckConstraint("ck_refunds_amount_positive", "amount > 0"));
    }
}
