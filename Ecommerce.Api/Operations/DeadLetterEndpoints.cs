using RabbitMQ.Client;

namespace Ecommerce.Api.Operations;

public sealed record DeadLettersRequeuedResponse(int Requeued);

/// <summary>The admin's way, besides the dashboard's command on each worker, to send every service's dead letters
/// back through their queues once what made them fail is fixed. Not in the contract: an operations route.</summary>
public static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        var deadLetters = routes.MapGroup("/admin/dead-letters").WithTags("Operations").AdminOnly();

        deadLetters.MapPost("/requeue", RequeueDeadLetters).WithSummary("Move every dead letter back into the queue it came from (admin)");

        return routes;
    }

    public static async Task<Ok<DeadLettersRequeuedResponse>> RequeueDeadLetters(IConnection broker, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DeadLettersRequeuedResponse(await DeadLetters.RequeueAsync(broker, QueueNames.All, cancellationToken)));
}
