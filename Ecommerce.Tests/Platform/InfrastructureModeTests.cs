namespace Ecommerce.Tests.Platform;

public sealed class InfrastructureModeTests
{
    [Fact]
    public async Task Forcing_containers_where_no_runtime_answers_stops_with_a_clear_message()
    {
        Assert.SkipWhen(DockerAnswers(), "a container runtime answers on this machine");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ecommerce_AppHost>(
                ["--Infrastructure:Mode=containers"], timeout.Token);
            await using var app = await builder.BuildAsync(timeout.Token);
            await app.StartAsync(timeout.Token);
        });

        var messages = string.Join(" | ", Flatten(failure).Select(exception => exception.Message));
        Assert.Contains("no container runtime answers", messages);
        Assert.Contains("--Infrastructure:Mode=local", messages);
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static bool DockerAnswers()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("docker", ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = probe.StandardOutput.ReadToEnd();
            probe.WaitForExit();
            return probe.ExitCode == 0 && output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
