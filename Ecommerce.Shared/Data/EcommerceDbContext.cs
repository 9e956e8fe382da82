using Ecommerce.Shared.Categories;
using Ecommerce.Shared.Messaging;
using Ecommerce.Shared.Orders;
using Ecommerce.Shared.Payments;
using Ecommerce.Shared.Products;
using Ecommerce.Shared.Refunds;
using Ecommerce.Shared.Users;
using Ecommerce.Shared.Webhooks;

namespace Ecommerce.Shared.Data;

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
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EcommerceDbContext).Assembly);
        // An order and its items take their ids from these blocks; with EF Core's default of 10, fetching the next
        // block was one extra round trip for every fifth order.
        modelBuilder.HasSequence("orders_hilo").IncrementsBy(100);
        modelBuilder.HasSequence("order_items_hilo").IncrementsBy(100);
    }
}
