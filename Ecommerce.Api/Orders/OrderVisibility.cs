namespace Ecommerce.Api.Orders;

public static class OrderVisibility
{
    /// <summary>The orders <paramref name="principal"/> may see: an admin all, a customer their own. Someone else's
    /// order is indistinguishable from a missing one.</summary>
    public static IQueryable<Order> Visible(this IQueryable<Order> orders, ClaimsPrincipal principal) =>
        principal.IsAdmin() ? orders : orders.Where(o => o.UserId == principal.UserId());
}
