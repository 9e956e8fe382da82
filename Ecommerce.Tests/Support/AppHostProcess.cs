using System.Reflection;

namespace Ecommerce.Tests.Support;

/// <summary>The built AppHost run as its own process, as <c>dotnet run</c> runs it, with its output collected.</summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Directory => Projects.Ecommerce_AppHost.ProjectPath;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <param name="environment">Replaces the whole environment of the process but for PATH and HOME.</param>
    public static AppHostProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var configuration = typeof(AppHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var assembly = Path.Combine(Directory, "bin", configuration, "net10.0", "Ecommerce.AppHost.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, .. args])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (environment is not null)
        {
            var kept = new[] { "PATH", "HOME", "DOTNET_ROOT" }
                .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
                .Where(variable => variable.value is not null)
                .ToList();
            start.Environment.Clear();
            foreach (var (name, value) in kept)
            {
                start.Environment[name] = value;
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        return new AppHostProcess(Process.Start(start)!);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Stops the AppHost as Ctrl+C would, so that it stops what it started; kills it if it does not exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString()]);
            await interrupt.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
