using System.Diagnostics;

namespace Ecommerce.AppHost.Infrastructure;

public enum InfrastructureMode
{
    /// <summary>The Aspire hosting integrations run PostgreSQL, Redis and RabbitMQ as containers.</summary>
    Containers,

    /// <summary>The AppHost runs PostgreSQL, Redis and RabbitMQ from the machine's packages as executables.</summary>
    Local,
}

public static class InfrastructureModeSelector
{
    public const string ConfigurationKey = "Infrastructure:Mode";

    /// <summary>
    /// Publishing always describes containers (that is what azd deploys). Otherwise configuration decides, and without
    /// it the mode follows whether a container runtime answers, because container resources without a runtime would
    /// wait forever instead of failing.
    /// </summary>
    public static InfrastructureMode Select(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }

        var configured = builder.Configuration[ConfigurationKey];
        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        if (string.IsNullOrWhiteSpace(configured))
        {
            return ContainerRuntimeAnswers(runtime) ? InfrastructureMode.Containers : InfrastructureMode.Local;
        }

        if (!Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var mode))
        {
            throw new DistributedApplicationException(
                $"{ConfigurationKey} is '{configured}'; it must be 'containers' or 'local'.");
        }

        if (mode == InfrastructureMode.Containers && !ContainerRuntimeAnswers(runtime))
        {
            throw new DistributedApplicationException(
                $"{ConfigurationKey} is 'containers' but no container runtime answers ('{runtime} info' failed). " +
                "Start Docker or Podman, or use --Infrastructure:Mode=local to run PostgreSQL, Redis and RabbitMQ from local packages.");
        }

        return mode;
    }

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Whether <c>RUNTIME info</c> reports a server version within <paramref name="timeout"/>; a runtime
    /// that hangs counts as absent.</summary>
    public static bool ContainerRuntimeAnswers(string runtime, TimeSpan? timeout = null)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            // Read while waiting, not before: a hung runtime keeps its output open, and a read to the end would never
            // let the timeout fire.
            var version = probe.StandardOutput.ReadToEndAsync();
            _ = probe.StandardError.ReadToEndAsync();
            if (!probe.WaitForExit(timeout ?? ProbeTimeout))
            {
                probe.Kill(entireProcessTree: true);
                return false;
            }

            // A child the runtime left behind may still hold its output open: the read gets a moment, not forever.
            return probe.ExitCode == 0 && version.Wait(TimeSpan.FromSeconds(1)) && !string.IsNullOrWhiteSpace(version.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
