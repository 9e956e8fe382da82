using Ecommerce.Api.Orders;
using Ecommerce.Api.Products;
using StackExchange.Redis;

namespace Ecommerce.Api.Cart;

public static class CartEndpoints
{
    private static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(1);

    public static IEndpointRouteBuilder MapCartEndpoints(this IEndpointRouteBuilder routes)
    {
        var cart = routes.MapGroup("/cart").WithTags("Cart").RequireAuthorization()
            .AddEndpointFilter(AnswerUnavailableWhenRedisIsDown);

        cart.MapGet("/", GetCart).WithSummary("Your cart at the catalog's current prices and stock");
        cart.MapPut("/items/{product_id}", SetCartLine).Validates<CartLineRequest>()
            .WithSummary("Set how many of a product the cart holds");
        cart.MapDelete("/items/{product_id}", RemoveCartLine).WithSummary("Take a product out of the cart");
        cart.MapDelete("/", EmptyCart).WithSummary("Empty the cart");
        cart.MapPost("/checkout", Checkout).Validates<CheckoutRequest>()
            .WithSummary("Turn the cart into an order, as POST /orders would, and empty it. Honors Idempotency-Key.");

        return routes;
    }

    public static async Task<Ok<CartResponse>> GetCart(
        ClaimsPrincipal principal, CartStore store, CartPricing pricing, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pricing.PriceAsync(await store.GetAsync(principal.UserId()), cancellationToken));

    public static async Task<Results<Ok<CartResponse>, JsonHttpResult<ErrorEnvelope>>> SetCartLine(
        int product_id, CartLineRequest request, ClaimsPrincipal principal, CartStore store, CartPricing pricing,
        ProductCatalog catalog, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(product_id, cancellationToken) is null)
        {
            return ApiResults.Validation([new FieldError(["path", "product_id"], $"Product {product_id} does not exist.", "not_found")]);
        }

        return await store.SetLineAsync(principal.UserId(), product_id, request.Quantity!.Value) is { } cart
            ? TypedResults.Ok(await pricing.PriceAsync(cart, cancellationToken))
            : ApiResults.Conflict($"A cart holds at most {CartStore.MaxLines} lines");
    }

    public static async Task<Ok<CartResponse>> RemoveCartLine(
        int product_id, ClaimsPrincipal principal, CartStore store, CartPricing pricing, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pricing.PriceAsync(await store.RemoveLineAsync(principal.UserId(), product_id), cancellationToken));

    public static async Task<NoContent> EmptyCart(ClaimsPrincipal principal, CartStore store)
    {
        await store.ClearAsync(principal.UserId());
        return TypedResults.NoContent();
    }

    /// <summary>A replay with the key of a checkout that went through answers its order, although the cart is empty by
    /// then. The lines ordered leave the cart only when this request placed the order.</summary>
    public static Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> Checkout(
        CheckoutRequest request, ClaimsPrincipal principal, HttpContext context, CartStore store, OrderPlacement placement,
        ILogger<CartStore> logger, CancellationToken cancellationToken) =>
        IdempotencyKeyHeader.RunAsync(context, principal.UserId(), "checkout", request,
            key => CheckOutAsync(principal.UserId(), request, key, store, placement, logger, cancellationToken));

    private static async Task<Results<Created<OrderResponse>, JsonHttpResult<ErrorEnvelope>>> CheckOutAsync(
        int userId, CheckoutRequest request, IdempotencyKey? key, CartStore store, OrderPlacement placement, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (await placement.EarlierAnswerAsync(key, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var cart = await store.GetFromRedisAsync(userId);
        if (cart.Lines.Count == 0)
        {
            return ApiResults.Conflict("Cart is empty");
        }

        var order = new PlacementRequest(
            cart.Lines, request.PaymentMethod, request.ShippingAddress!.ToAddress(), request.ExpectedTotal, ["cart", "items"]);
        return await placement.PlaceAsync(userId, order, key, cancellationToken, placed: async _ =>
        {
            try
            {
                await store.RemoveOrderedAsync(userId, cart.Lines);
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                logger.LogWarning(exception, "Order placed from the cart of user {UserId}, but the cart could not be emptied", userId);
            }
        });
    }

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or RedisTimeoutException;

    /// <summary>A cart lives only in Redis: while Redis does not answer, the cart is 503 for a moment, not a 500.</summary>
    private static async ValueTask<object?> AnswerUnavailableWhenRedisIsDown(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            return new RetryAfterResult("The cart is unavailable for a moment; try again shortly", UnavailableRetryAfter,
                StatusCodes.Status503ServiceUnavailable);
        }
    }
}
