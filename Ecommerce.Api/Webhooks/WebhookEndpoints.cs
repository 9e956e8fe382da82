using System.Security.Cryptography;

namespace Ecommerce.Api.Webhooks;

public static class WebhookEndpoints
{
    private static JsonHttpResult<ErrorEnvelope> WebhookNotFound() => ApiResults.NotFound("Webhook not found");

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/webhooks").WithTags("Webhooks").AdminOnly();

        webhooks.MapPost("/", CreateWebhook).Validates<CreateWebhookRequest>()
            .WithSummary("Subscribe a URL to events (admin); the answer shows the signing secret, once");
        webhooks.MapGet("/", ListWebhooks).Validates<PageQuery>("query").WithSummary("Every subscription (admin)");
        webhooks.MapGet("/{webhook_id}", GetWebhook).WithSummary("One subscription (admin)");
        webhooks.MapDelete("/{webhook_id}", DeleteWebhook).WithSummary("Unsubscribe (admin); deliveries and retries stop at once");
        webhooks.MapGet("/{webhook_id}/deliveries", ListWebhookDeliveries).Validates<PageQuery>("query")
            .WithSummary("The subscription's delivery attempts, newest first (admin)");

        return routes;
    }

    public static async Task<Results<Created<CreatedWebhookResponse>, JsonHttpResult<ErrorEnvelope>>> CreateWebhook(
        CreateWebhookRequest request, EcommerceDbContext db, NetworkGuard guard, TimeProvider clock, CancellationToken cancellationToken)
    {
        var url = new Uri(request.Url!);
        if (!await guard.AllowsHostAsync(url.Host, cancellationToken))
        {
            return ApiResults.Validation([new FieldError(["body", "url"],
                "The URL's host is on a private, loopback or link-local network, or does not resolve.", "private_network")]);
        }

        var events = request.Events!.Distinct().ToArray();
        var subscription = new WebhookSubscription
        {
            Url = request.Url!,
            Events = events,
            EventPattern = EventPatterns.ToRegex(events),
            Description = request.Description,
            Active = request.Active ?? true,
            Secret = $"whsec_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
            CreatedAt = clock.UtcNowForDatabase(),
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/webhooks/{subscription.Id}", new CreatedWebhookResponse(
            subscription.Id, subscription.Url, subscription.Events, subscription.Description, subscription.Active, subscription.CreatedAt,
            subscription.Secret));
    }

    public static async Task<PageResult<WebhookResponse>> ListWebhooks(
        [AsParameters] PageQuery page, EcommerceDbContext db, CancellationToken cancellationToken) =>
        new(await page.Of(db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id))
                .Select(s => WebhookResponse.From(s)).ToListAsync(cancellationToken),
            await db.WebhookSubscriptions.CountAsync(cancellationToken));

    public static async Task<Results<Ok<WebhookResponse>, JsonHttpResult<ErrorEnvelope>>> GetWebhook(
        long webhook_id, EcommerceDbContext db, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == webhook_id, cancellationToken) is { } subscription
            ? TypedResults.Ok(WebhookResponse.From(subscription))
            : WebhookNotFound();

    /// <summary>Its deliveries and their log go with it, so no retry is left to send.</summary>
    public static async Task<Results<NoContent, JsonHttpResult<ErrorEnvelope>>> DeleteWebhook(
        long webhook_id, EcommerceDbContext db, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.Where(s => s.Id == webhook_id).ExecuteDeleteAsync(cancellationToken) > 0
            ? TypedResults.NoContent()
            : WebhookNotFound();

    public static async Task<Results<PageResult<WebhookAttemptResponse>, JsonHttpResult<ErrorEnvelope>>> ListWebhookDeliveries(
        long webhook_id, [AsParameters] PageQuery page, EcommerceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == webhook_id, cancellationToken))
        {
            return WebhookNotFound();
        }

        var attempts = db.WebhookAttempts.AsNoTracking().Where(a => a.SubscriptionId == webhook_id);
        var total = await attempts.CountAsync(cancellationToken);
        var newestFirst = attempts.OrderByDescending(a => a.DeliveredAt).ThenByDescending(a => a.Id);
        return new PageResult<WebhookAttemptResponse>(await page.Of(newestFirst)
            .Select(a => new WebhookAttemptResponse(a.EventId, a.EventType, a.Attempt, a.StatusCode, a.Error, a.DurationMs, a.DeliveredAt))
            .ToListAsync(cancellationToken), total);
    }
}
