using System.Globalization;

namespace Ecommerce.Tests.Support;

/// <summary>The processes of the application's resources, as the orchestrator reports them.</summary>
public static class Processes
{
    public static int IdOf(ResourceEvent resource) =>
        Convert.ToInt32(resource.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);

    /// <summary>The service's own process. The orchestrator starts a project through <c>dotnet run</c>, which does not
    /// pass a SIGTERM on to the service it runs; a deployment's platform signals the service itself.</summary>
    public static Process ServiceOf(ResourceEvent resource)
    {
        var launcher = IdOf(resource);
        var child = Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .FirstOrDefault(pid => pid > 0 && ParentOf(pid) == launcher);
        return Process.GetProcessById(child == 0 ? launcher : child);
    }

    /// <summary>Sends a signal to a process and to every process below it: a server started through a script or
    /// <c>runuser</c> is a tree, and freezing only its root would freeze nothing that serves.</summary>
    public static void SignalTree(int root, string signal)
    {
        foreach (var process in TreeOf(root))
        {
            Signal(process, signal);
        }
    }

    /// <summary>A process and every process below it, the root first.</summary>
    public static List<int> TreeOf(int root)
    {
        var processes = Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Id: pid, Parent: ParentOf(pid)))
            .ToList();
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(processes.Where(p => p.Parent == tree[i]).Select(p => p.Id));
        }

        return tree;
    }

    /// <summary>The command line, its arguments separated by spaces; empty once the process is gone.</summary>
    public static string CommandLineOf(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static int? ParentOf(int processId)
    {
        try
        {
            // /proc/PID/stat: "PID (COMMAND) STATE PPID ...", and the command may hold spaces and parentheses.
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Sends a signal, as <c>kill -STOP</c>, <c>-CONT</c> or <c>-TERM</c> would.</summary>
    public static void Signal(int processId, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", processId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
