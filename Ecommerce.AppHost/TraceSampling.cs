using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.AppHost;

public static class TraceSampling
{
    public const string RatioSetting = "Telemetry:TraceSampleRatio";

    /// <summary>
    /// Aspire has every service export every trace, which suits a developer watching the dashboard. Under load, spans
    /// are most of the telemetry, so <c>Telemetry:TraceSampleRatio</c> (0 to 1) keeps that share of traces. Sampling
    /// is parent-based: a span follows its caller's decision, across services too, so a kept trace stays whole.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTraceSampling(
        this IResourceBuilder<ProjectResource> service, IConfiguration configuration)
    {
        if (configuration[RatioSetting] is not { } setting)
        {
            return service;
        }

        if (!double.TryParse(setting, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) || ratio is < 0 or > 1)
        {
            throw new DistributedApplicationException($"{RatioSetting} must be a number from 0 to 1, not '{setting}'.");
        }

        return service
            .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
            .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", ratio.ToString(CultureInfo.InvariantCulture));
    }
}
