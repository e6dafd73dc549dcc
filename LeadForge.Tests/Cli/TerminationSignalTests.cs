using System.Diagnostics;
using LeadForge.Tests.Rendering;

namespace LeadForge.Tests.Cli;

/// <summary>
/// Issue 18 point 3: SIGTERM and SIGINT are honoured from the first instruction (even while the
/// configuration is being read from a FIFO nobody writes to) and the exit code is 128 + the signal
/// number; nothing is left at the output path.
/// </summary>
[NonParallelizable]
public sealed class TerminationSignalTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("POSIX signals and FIFOs: Linux only.");
        }

        _scratch = new ScratchFolder();
    }

    [TearDown]
    public void TearDown() => _scratch?.Dispose();

    [TestCase("TERM", 143)]
    [TestCase("INT", 130)]
    public void A_signal_while_the_override_is_a_fifo_nobody_writes_ends_the_run(string signal, int expected)
    {
        var fifo = Path.Combine(_scratch["in"], "override.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        Run("mkfifo", fifo).WaitForExit();
        var output = _scratch["out"];
        using var cli = CliProcess.Start("generate", "-r", "b2b_saas_procurement_v1", "--override", fifo, "-o", output, "-q");
        Thread.Sleep(TimeSpan.FromSeconds(2));
        Assert.That(cli.HasExited, Is.False, "the run is blocked opening the FIFO");
        cli.Signal(signal == "TERM" ? 15 : 2);
        Assert.That(cli.WaitForExit(TimeSpan.FromSeconds(15)), Is.True, "the process ends after the signal");
        Assert.Multiple(() =>
        {
            Assert.That(cli.ExitCode, Is.EqualTo(expected));
            Assert.That(Directory.Exists(output), Is.False);
        });
    }

    [Test]
    public void A_signal_during_generation_cancels_cleanly_with_143()
    {
        var output = _scratch["big"];
        using var cli = CliProcess.Start("generate", "-r", "b2b_saas_procurement_v1", "--n-leads", "300000", "-o", output);
        cli.WaitForLine("world done");
        cli.Signal(15);
        var rest = cli.StandardError.ReadToEnd();
        Assert.That(cli.WaitForExit(TimeSpan.FromSeconds(30)), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(cli.ExitCode, Is.EqualTo(143), rest);
            Assert.That(rest, Does.Contain("cancelled"));
            Assert.That(Directory.Exists(output), Is.False);
            Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(output)!, ".*tmp*"), Is.Empty, "no temporary folder is left");
        });
    }

    private static Process Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }
}
