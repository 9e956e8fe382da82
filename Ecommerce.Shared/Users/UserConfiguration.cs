namespace Ecommerce.Shared.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.Username).HasMaxLength(50);
        user.Property(u => u.NormalizedUsername).HasMaxLength(50);
        user.HasIndex(u => u.NormalizedUsername).IsUnique();
        user.Property(u => u.Email).HasMaxLength(254);
        user.Property(u => u.FullName).HasMaxLength(200);
        user.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
    }
}
