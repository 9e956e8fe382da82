using System.Text.RegularExpressions;
using Ecommerce.Shared.Webhooks;

namespace Ecommerce.UnitTests;

/// <summary>Topic patterns match as RabbitMQ's topic exchange matches them.</summary>
public sealed class EventPatternTests
{
    [Theory]
    [InlineData("#", "order.created", true)]
    [InlineData("order.*", "order.created", true)]
    [InlineData("order.*", "payment.completed", false)]
    [InlineData("order.*", "order", false)]
    [InlineData("payment.completed", "payment.completed", true)]
    [InlineData("payment.completed", "payment.completedx", false)]
    [InlineData("order.#", "order", true)]
    [InlineData("order.#", "order.a.b", true)]
    [InlineData("#.completed", "refund.completed", true)]
    [InlineData("#.completed", "completed", true)]
    [InlineData("#.completed", "refund.failed", false)]
    [InlineData("*.completed", "a.b.completed", false)]
    [InlineData("a.#.b", "a.b", true)]
    [InlineData("a.#.b", "a.x.y.b", true)]
    [InlineData("a.#.b", "a.x.c", false)]
    public void A_pattern_matches_the_event_types_a_topic_exchange_would(string pattern, string eventType, bool matches) =>
        Assert.Equal(matches, Regex.IsMatch(eventType, EventPatterns.ToRegex([pattern])));

    [Fact]
    public void Several_patterns_match_when_any_does()
    {
        var regex = EventPatterns.ToRegex(["order.*", "payment.completed"]);

        Assert.Matches(regex, "order.paid");
        Assert.Matches(regex, "payment.completed");
        Assert.DoesNotMatch(regex, "payment.requested");
    }

    [Theory]
    [InlineData("order.*", true)]
    [InlineData("#", true)]
    [InlineData("Order.Created", false)]
    [InlineData("order..created", false)]
    [InlineData("order.cre*", false)]
    [InlineData("", false)]
    [InlineData("order created", false)]
    public void Only_words_and_wildcards_separated_by_dots_are_patterns(string pattern, bool valid) =>
        Assert.Equal(valid, EventPatterns.IsValid(pattern));
}
