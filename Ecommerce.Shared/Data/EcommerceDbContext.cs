using Ecommerce.Shared.Categories;
using Ecommerce.Shared.Messaging;
using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;
using Ecommerce.Shared.Products;
using Ecommerce.Shared.Refunds;
using Ecommerce.Shared.Users;
using Ecommerce.Shared.Webhooks;

namespace Ecommerce.Shared.Data;

/// <summary>
/// The mapping lives in three places: conventions here for what is true of every column of a kind, attributes on each
/// entity for its table, lengths and indexes, and a configuration class where an entity needs more than attributes
/// say. The outbox is reached through <c>Set&lt;T&gt;()</c> by the two helpers that own it.
/// </summary>
public sealed class EcommerceDbContext(DbContextOptions<EcommerceDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderTimelineEntry> OrderTimeline => Set<OrderTimelineEntry>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Statuses and methods are stored by name, so the database reads as the API does.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);
        // Every amount is money; Order.MaxAmount is what this precision holds.
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EcommerceDbContext).Assembly);
        modelBuilder.HasWindowFunctions();

        // Orders, their items and payments take their ids from blocks before the insert, so a group-commit writer
        // knows an order's number in the same round trip. With EF Core's default block of 10, fetching the next block
        // was one extra round trip for every fifth order.
        modelBuilder.HasSequence("orders_hilo").IncrementsBy(100);
        modelBuilder.HasSequence("order_items_hilo").IncrementsBy(100);
        modelBuilder.Entity<Order>().Property(o => o.Id).UseHiLo("orders_hilo");
        modelBuilder.Entity<OrderItem>().Property(i => i.Id).UseHiLo("order_items_hilo");
        modelBuilder.Entity<Payment>().Property(p => p.Id).UseHiLo("payments_hilo");

        // The foreign keys that have no navigation: the services read by id.
        modelBuilder.Entity<Category>().HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<Product>().HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<OrderItem>().HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        modelBuilder.Entity<Payment>().HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId);
        modelBuilder.Entity<Refund>().HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId);
        modelBuilder.Entity<Refund>().HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId);
        modelBuilder.Entity<WebhookDelivery>().HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<WebhookAttempt>().HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
