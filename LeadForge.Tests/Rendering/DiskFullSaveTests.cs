using System.Diagnostics;
using LeadForge.Rendering;
using LeadForge.Tests.Cli;

namespace LeadForge.Tests.Rendering;

/// <summary>
/// SPEC §12, a disk that fills up mid-save: the save is pointed at a real, size-limited file system
/// (a 256 KiB tmpfs, mounted for the test; it needs root on Linux and is skipped elsewhere), so the
/// failure is the operating system's own ENOSPC part-way through the files, not a simulated one.
/// </summary>
[NonParallelizable]
public class DiskFullSaveTests
{
    private ScratchFolder _scratch = null!;
    private string _mount = null!;

    [SetUp]
    public void SetUp()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Ignore("Mounting a size-limited tmpfs needs root on Linux.");
        }

        _scratch = new ScratchFolder();
        _mount = _scratch["small-disk"];
        Directory.CreateDirectory(_mount);
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", _mount);
        if (exit != 0)
        {
            _scratch.Dispose();
            Assert.Ignore($"Cannot mount a size-limited tmpfs here: {output}");
        }
    }

    [TearDown]
    public void TearDown()
    {
        if (_mount is not null && _scratch is not null)
        {
            Run("umount", _mount);
            _scratch.Dispose();
        }
    }

    [Test]
    public async Task A_disk_that_fills_up_mid_save_gives_a_write_error_and_leaves_nothing()
    {
        var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(4).WithLeads(2_000).Generate();
        var target = Path.Combine(_mount, "world");

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => bundle.SaveAsync(target));
        Assert.That(ex!.Message, Does.Contain(target).And.Contain("space").IgnoreCase, "the message names the target and the cause");
        Assert.That(Directory.EnumerateFileSystemEntries(_mount), Is.Empty, "no target and no temp folder is left behind");

        // The same bundle fits on a normal disk: the failure was the space, not the bundle.
        await bundle.SaveAsync(_scratch["fits"]);
        Assert.That(File.Exists(Path.Combine(_scratch["fits"], BundleManifest.FileName)), Is.True);
    }

    [Test]
    public async Task The_cli_reports_a_full_disk_in_one_line_and_leaves_nothing()
    {
        var target = Path.Combine(_mount, "world");
        var run = await CliRunner.RunAsync("generate", "-r", "b2b_saas_procurement_v1", "--n-leads", "2000", "-q", "-o", target);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        GenerateCommandTests.AssertOneLineError(run, target);
        Assert.That(run.Error, Does.Contain("space").IgnoreCase);
        Assert.That(Directory.EnumerateFileSystemEntries(_mount), Is.Empty);
    }

    private static (int Exit, string Output) Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}
