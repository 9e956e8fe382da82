namespace Ecommerce.Api.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? Description, bool? Active);

public sealed record WebhookResponse(long Id, string Url, IReadOnlyList<string> Events, string? Description, bool Active, DateTime CreatedAt)
{
    public static WebhookResponse From(WebhookSubscription subscription) => new(
        subscription.Id, subscription.Url, subscription.Events, subscription.Description, subscription.Active, subscription.CreatedAt);
}

/// <summary>The only answer that shows the signing secret.</summary>
public sealed record CreatedWebhookResponse(
    long Id, string Url, IReadOnlyList<string> Events, string? Description, bool Active, DateTime CreatedAt, string Secret);

public sealed record WebhookAttemptResponse(
    Guid EventId, string EventType, int Attempt, int? StatusCode, string? Error, int DurationMs, DateTime DeliveredAt);

public sealed class CreateWebhookRequestValidator : AbstractValidator<CreateWebhookRequest>
{
    public const int MaxEvents = 50;

    public CreateWebhookRequestValidator()
    {
        RuleFor(r => r.Url).NotEmpty().MaximumLength(2000)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                && uri.Host.Length > 0 && uri.UserInfo.Length == 0)
            .WithMessage("'url' must be an absolute http or https URL without credentials.").WithErrorCode("url");
        RuleFor(r => r.Events).NotEmpty().Must(events => events!.Count <= MaxEvents)
            .WithMessage($"'events' must list 1 to {MaxEvents} routing keys or patterns.");
        RuleForEach(r => r.Events).NotNull().Must(pattern => EventPatterns.IsValid(pattern!))
            .WithMessage("Each event must be a routing key or a pattern such as order.*, payment.completed or #.")
            .When(r => r.Events is not null);
        RuleFor(r => r.Description).MaximumLength(500).StorableText();
    }
}
