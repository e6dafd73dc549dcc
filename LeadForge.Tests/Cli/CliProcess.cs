using System.Diagnostics;

namespace LeadForge.Tests.Cli;

/// <summary>The <c>leadforge</c> command line run as a real child process (for signals and kills).</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;

    private CliProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public StreamReader StandardError => _process.StandardError;

    /// <summary>
    /// Starts <c>dotnet leadforge.dll ARGS</c> from the test's output folder, with SIGINT, SIGQUIT and
    /// SIGTERM reset to their default disposition: a test runner started as a background job of a
    /// non-interactive shell ignores SIGINT and SIGQUIT, the CLI would inherit that (as POSIX says a
    /// background job should), and the signal tests would test the runner, not the CLI.
    /// </summary>
    public static CliProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT,QUIT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "leadforge.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Reads standard error until a line contains <paramref name="text"/>.</summary>
    /// <exception cref="AssertionException">The process ended first.</exception>
    public void WaitForLine(string text)
    {
        string? line;
        while ((line = _process.StandardError.ReadLine()) is not null)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"leadforge ended without printing '{text}'.");
    }

    /// <summary>Sends a POSIX signal (kill(2)).</summary>
    public void Signal(int signal) => Assert.That(Kill(_process.Id, signal), Is.Zero, "kill(2)");

    /// <summary>SIGKILL: no handler runs.</summary>
    public void Kill() => _process.Kill();

    public void WaitForExit() => _process.WaitForExit();

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
