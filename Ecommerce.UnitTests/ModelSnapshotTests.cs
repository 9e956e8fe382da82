using Ecommerce.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.UnitTests;

/// <summary>The mapping is spread over conventions, attributes on the entities and configuration classes; whichever
/// place a change is made in, the migrations must already describe it.</summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_model_has_no_change_that_a_migration_lacks()
    {
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges());
    }
}
