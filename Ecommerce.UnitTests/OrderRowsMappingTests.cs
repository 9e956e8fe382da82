using Ecommerce.Api.Orders;
using Ecommerce.Shared.Data;
using Ecommerce.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ecommerce.UnitTests;

/// <summary>The order writer's statements name their tables and columns by hand; a change to the EF Core mapping must
/// fail here, not in production.</summary>
public sealed class OrderRowsMappingTests
{
    private static readonly IModel Model = new DesignTimeDbContextFactory().CreateDbContext([]).Model;

    public static TheoryData<string> Tables => [.. OrderRows.Columns.Keys];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_column_the_writer_names_is_a_column_of_that_table(string table)
    {
        var mapped = PropertiesOf(table).Select(p => p.GetColumnName(StoreObjectIdentifier.Table(table))).ToHashSet();

        Assert.All(OrderRows.Columns[table], column => Assert.Contains(column, mapped));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_writer_gives_every_required_column_without_a_default(string table)
    {
        var storeObject = StoreObjectIdentifier.Table(table);
        var required = PropertiesOf(table)
            .Where(p => !p.IsColumnNullable(storeObject) && p.ValueGenerated == ValueGenerated.Never && p.GetDefaultValueSql() is null)
            .Select(p => p.GetColumnName(storeObject));

        Assert.All(required, column => Assert.Contains(column, OrderRows.Columns[table]));
    }

    [Fact]
    public void The_writer_gives_every_column_of_an_order_and_its_shipping_address()
    {
        var mapped = PropertiesOf("orders").Select(p => p.GetColumnName(StoreObjectIdentifier.Table("orders"))).ToHashSet();

        Assert.Empty(mapped.Except(OrderRows.Columns["orders"]).Except(["paid_at"]));
    }

    /// <summary>The properties of every entity type stored in <paramref name="table"/>: an owned type such as the
    /// order's shipping address shares its owner's table.</summary>
    private static IEnumerable<IProperty> PropertiesOf(string table) =>
        Model.GetEntityTypes().Where(e => e.GetTableName() == table).SelectMany(e => e.GetProperties());

    [Fact]
    public void Enum_values_are_stored_as_the_model_converts_them()
    {
        var order = Model.FindEntityType(typeof(Order))!;

        AssertStoredAsModel(order.FindProperty(nameof(Order.Status))!, Enum.GetValues<OrderStatus>());
        AssertStoredAsModel(order.FindProperty(nameof(Order.PaymentStatus))!, Enum.GetValues<PaymentStatus>());
        AssertStoredAsModel(order.FindProperty(nameof(Order.PaymentMethod))!, Enum.GetValues<PaymentMethod>());
    }

    private static void AssertStoredAsModel<TEnum>(IProperty property, TEnum[] values) where TEnum : struct, Enum
    {
        var converter = property.GetValueConverter() ?? property.GetTypeMapping().Converter;
        Assert.NotNull(converter);
        Assert.All(values, value => Assert.Equal(converter.ConvertToProvider(value), OrderRows.Stored(value)));
    }
}
