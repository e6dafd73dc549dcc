using System.Diagnostics;
using LeadForge.Rendering;
using LeadForge.Rendering.Saving;
using LeadForge.Tests.Cli;

namespace LeadForge.Tests.Rendering;

/// <summary>
/// Issue 18 point 4: a save killed with SIGKILL leaves its temporary folder; the next save to the same
/// target, or <c>leadforge clean</c>, removes it, and nothing that is not a dead save's temporary is
/// ever touched.
/// </summary>
[NonParallelizable]
public sealed class StaleTemporaryTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public void Only_temporaries_of_dead_processes_are_removed()
    {
        var parent = _scratch["parent"];
        Directory.CreateDirectory(parent);
        var dead = Temporary(parent, ".world.tmp-999999-0", "999999");
        var reused = Temporary(parent, ".world.tmp-part-1-5-0", $"{Environment.ProcessId} 1");
        var running = Temporary(parent, ".world.tmp-7-0", ProcessIdentity.Current.ToString());
        var unmarked = Directory.CreateDirectory(Path.Combine(parent, ".notes.tmp-42-0")).FullName;
        var garbled = Temporary(parent, ".world.tmp-8-0", "not a pid");
        var userFolder = Temporary(parent, "photos", "999999");
        var link = Path.Combine(parent, ".link.tmp-1-0");
        Directory.CreateSymbolicLink(link, dead);

        var dry = BundleFolder.RemoveStaleTemporaries(parent, dryRun: true);
        Assert.That(dry, Is.EqualTo(new[] { dead, reused }));
        Assert.That(Directory.Exists(dead), Is.True, "a dry run removes nothing");

        var removed = BundleFolder.RemoveStaleTemporaries(parent);
        Assert.Multiple(() =>
        {
            Assert.That(removed, Is.EqualTo(new[] { dead, reused }), "a dead owner, and a live pid whose start time differs (a reused id)");
            Assert.That(Directory.Exists(dead) || Directory.Exists(reused), Is.False);
            Assert.That(new[] { running, unmarked, garbled, userFolder }.All(Directory.Exists), Is.True, "a running save's, unmarked, unreadable and non-temporary folders stay");
            Assert.That(new DirectoryInfo(link).LinkTarget, Is.Not.Null, "a symbolic link stays");
        });
    }

    [Test]
    public void A_save_killed_with_sigkill_leaves_a_temporary_the_next_save_removes()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("SIGKILL of a child process mid-save: Linux only.");
        }

        var parent = _scratch["runs"];
        var target = Path.Combine(parent, "world");
        using (var cli = CliProcess.Start("generate", "-r", "b2b_saas_procurement_v1", "--n-leads", "300000", "-o", target))
        {
            cli.WaitForLine("render done");
            Thread.Sleep(300);
            cli.Kill();
            cli.WaitForExit();
        }

        var left = Directory.GetDirectories(parent, ".world.tmp-*");
        Assert.That(left, Has.Length.EqualTo(1), "the killed save left its temporary");
        Assert.That(File.Exists(Path.Combine(left[0], TemporaryFolder.MarkerName)), Is.True);
        Assert.That(Directory.Exists(target), Is.False, "nothing reached the target");

        var bundle = Generator.FromRecipe("tiny_world_v1").WithSeed(1).Generate();
        bundle.SaveAsync(target, TinyWorlds.Options()).GetAwaiter().GetResult();
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetDirectories(parent, ".world.tmp-*"), Is.Empty, "the next save to the target removed it");
            Assert.That(File.Exists(Path.Combine(target, "manifest.json")), Is.True);
            Assert.That(File.Exists(Path.Combine(target, TemporaryFolder.MarkerName)), Is.False, "the marker never reaches a bundle");
        });
    }

    [Test]
    public async Task Leadforge_clean_removes_stale_temporaries_of_any_target()
    {
        var parent = _scratch["clean"];
        Directory.CreateDirectory(parent);
        var dead = Temporary(parent, ".a.tmp-999998-0", "999998");
        var keep = Temporary(parent, ".b.tmp-1-0", ProcessIdentity.Current.ToString());

        var dry = await CliRunner.RunAsync("clean", parent, "--dry-run");
        Assert.That((dry.ExitCode, Directory.Exists(dead)), Is.EqualTo((0, true)));
        Assert.That(dry.Out, Does.Contain("would remove " + dead));

        var run = await CliRunner.RunAsync("clean", parent);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(run.Out, Does.Contain("1 stale temporary folder(s) removed"));
            Assert.That(Directory.Exists(dead), Is.False);
            Assert.That(Directory.Exists(keep), Is.True);
        });
        Assert.That((await CliRunner.RunAsync("clean", Path.Combine(parent, "missing"))).ExitCode, Is.EqualTo(2));
    }

    private static string Temporary(string parent, string name, string marker)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "tables"));
        File.WriteAllText(Path.Combine(folder, "tables", "leads.parquet"), "partial");
        File.WriteAllText(Path.Combine(folder, TemporaryFolder.MarkerName), marker + "\n");
        return folder;
    }
}
