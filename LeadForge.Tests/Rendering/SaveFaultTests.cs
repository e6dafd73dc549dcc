using System.Diagnostics;
using System.Security.Cryptography;
using CsCheck;
using LeadForge.Rendering;
using LeadForge.Schemes;

namespace LeadForge.Tests.Rendering;

/// <summary>
/// Issue 18 point 6, the save half: faults injected at points drawn from a fixed PCG seed — cancellation
/// at any progress report of a save or of generation, into an absent, empty or bundle-holding target,
/// with and without overwrite, several writer threads — and a real read-only file system. After every
/// case the target holds exactly what it held before or the complete new bundle, nothing else is left
/// next to it, and a failure is typed (<see cref="OperationCanceledException"/> or
/// <see cref="BundleWriteException"/>). Set <c>LEADFORGE_FAULT_CASES</c> and <c>LEADFORGE_FAULT_SEED</c>
/// for a larger or different sweep.
/// </summary>
[NonParallelizable]
public sealed class SaveFaultTests
{
    private ScratchFolder _scratch = null!;

    /// <summary>What the target held before a case.</summary>
    private enum TargetKind
    {
        Absent,
        Empty,
        Bundle,
    }

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("LEADFORGE_FAULT_CASES"), out var n) && n > 0 ? n : 60;

    private static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("LEADFORGE_FAULT_SEED"), out var s) ? s : 20261204;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Cancelling_a_save_at_any_report_leaves_the_old_target_or_the_whole_new_bundle()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor, seed: 11);
        var old = TinyWorlds.Generate(seed: 12);
        var reports = await CountSaveReports(bundle);
        var newBundle = await SavedContent(bundle, "reference");
        // A cancel point past the last report never fires: those cases must complete.
        var cases = Gen.Select(Gen.Int[0, reports + 2], Gen.Enum<TargetKind>(), Gen.Bool, Gen.Int[1, 3]);
        var pcg = new PCG(1, Seed);
        var (cancelled, completed, refused, lost, leftovers) = (0, 0, 0, 0, 0);
        var problems = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var (cancelAt, kind, overwrite, degree) = cases.Generate(pcg, null, out CsCheck.Size _);
            var parent = _scratch[$"case-{i}"];
            Directory.CreateDirectory(parent);
            var target = Path.Combine(parent, "world");
            await Prepare(target, kind, old);
            var before = Content(target);
            var description = $"case {i}: cancel at report {cancelAt} of {reports}, target {kind}, overwrite {overwrite}, {degree} writers";

            using var cts = new CancellationTokenSource();
            var seen = 0;
            var progress = new SyncProgress(_ =>
            {
                if (++seen == cancelAt)
                {
                    cts.Cancel();
                }
            });
            var options = new SaveOptions { TimeProvider = new FixedTimeProvider(), Overwrite = overwrite, Progress = progress, MaxDegreeOfParallelism = degree };
            if (cancelAt == 0)
            {
                cts.Cancel();
            }

            string? expected = null;
            try
            {
                await bundle.SaveAsync(target, options, cts.Token);
                completed++;
                expected = Same(Content(target), newBundle) ? null : "a save that returned did not leave the whole new bundle";
            }
            catch (OperationCanceledException)
            {
                cancelled++;
                expected = Same(Content(target), before) ? null : "a cancelled save changed the target";
            }
            catch (BundleWriteException ex)
            {
                refused++;
                expected = kind == TargetKind.Bundle && !overwrite && Same(Content(target), before) ? null : $"an unexpected refusal or a changed target ({ex.Message})";
            }

            lost += expected is null ? 0 : 1;
            var left = TinyWorlds.Leftovers(parent);
            leftovers += left.Length;
            if (expected is not null || left.Length > 0)
            {
                problems.Add($"{description}: {expected ?? "ok"}; left beside the target: [{string.Join(", ", left)}]");
            }
        }

        TestContext.Out.WriteLine($"{Cases} cases (seed {Seed}, {reports} reports per save): {cancelled} cancelled, {completed} completed, {refused} refused; "
            + $"{leftovers} leftovers, {lost} targets lost or half-written");
        Assert.That(problems, Is.Empty);
        Assert.That(cancelled, Is.GreaterThan(Cases / 4), "the sweep cancels part-way, not only before or after");
        Assert.That(completed, Is.GreaterThan(0), "the sweep also lets saves finish");
    }

    [Test]
    public void Cancelling_generation_at_any_report_throws_and_nothing_is_returned()
    {
        var reports = new List<GenerationProgress>();
        static GeneratorBuilder Builder() => Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(5).WithLeads(300).WithDegreeOfParallelism(2);
        Builder().Generate(new SyncProgress(reports.Add));
        var stages = reports.Select(r => r.Stage).Distinct().ToArray();
        Assert.That(stages, Is.SupersetOf(new[] { GenerationStage.Plan, GenerationStage.Simulate, GenerationStage.Render }));

        var pcg = new PCG(2, Seed);
        var sample = Gen.Int[1, reports.Count].Array[Math.Min(Cases / 4, reports.Count)].Generate(pcg, null, out CsCheck.Size _);
        var cancelled = new HashSet<GenerationStage>();
        foreach (var cancelAt in sample.Concat(stages.Select(s => reports.FindIndex(r => r.Stage == s) + 1)).Distinct())
        {
            using var cts = new CancellationTokenSource();
            var seen = 0;
            var stage = reports[cancelAt - 1].Stage;
            var progress = new SyncProgress(_ =>
            {
                if (++seen == cancelAt)
                {
                    cts.Cancel();
                }
            });
            WorldBundle? result = null;
            try
            {
                result = Builder().Generate(progress, cts.Token);
            }
            catch (OperationCanceledException)
            {
                cancelled.Add(stage);
            }

            Assert.That(result is null || cancelAt == reports.Count, Is.True, $"cancelled at report {cancelAt} ({stage}) yet a bundle was returned");
        }

        TestContext.Out.WriteLine($"generation: {reports.Count} reports; cancelled in stages {string.Join(", ", cancelled.Order())}");
        Assert.That(cancelled, Is.SupersetOf(new[] { GenerationStage.Plan, GenerationStage.Simulate, GenerationStage.Render }));
    }

    [Test]
    public async Task A_read_only_file_system_refuses_the_save_with_a_write_error_and_keeps_the_old_bundle()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Ignore("Remounting a tmpfs read-only needs root on Linux (a chmod is no barrier to root).");
        }

        var mount = _scratch["ro-disk"];
        Directory.CreateDirectory(mount);
        if (Run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount) is { Exit: not 0 } failed)
        {
            Assert.Ignore($"Cannot mount a tmpfs here: {failed.Output}");
        }

        try
        {
            var target = Path.Combine(mount, "world");
            await TinyWorlds.Generate(seed: 1).SaveAsync(target, TinyWorlds.Options());
            var before = Content(target);
            Assert.That(Run("mount", "-o", "remount,ro", mount).Exit, Is.Zero);

            var bundle = TinyWorlds.Generate(seed: 2);
            var replace = await Assert.ThrowsAsync<BundleWriteException>(() => bundle.SaveAsync(target, TinyWorlds.Options(overwrite: true)));
            var fresh = await Assert.ThrowsAsync<BundleWriteException>(() => bundle.SaveAsync(Path.Combine(mount, "other"), TinyWorlds.Options()));
            Assert.Multiple(() =>
            {
                Assert.That(replace!.Message, Does.Contain(target).And.Contain("read-only").IgnoreCase, "the message names the target and the cause");
                Assert.That(fresh!.Message, Does.Contain("read-only").IgnoreCase);
                Assert.That(Content(target), Is.EqualTo(before), "the old bundle is intact");
                Assert.That(Directory.EnumerateFileSystemEntries(mount).Select(Path.GetFileName), Is.EqualTo(new[] { "world" }));
            });
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static async Task<int> CountSaveReports(WorldBundle bundle)
    {
        using var scratch = new ScratchFolder();
        var reports = 0;
        await bundle.SaveAsync(scratch["count"], TinyWorlds.Options(progress: new SyncProgress(_ => reports++)));
        return reports;
    }

    private async Task<Dictionary<string, string>> SavedContent(WorldBundle bundle, string name)
    {
        var path = _scratch[name];
        await bundle.SaveAsync(path, TinyWorlds.Options());
        return Content(path)!;
    }

    private static async Task Prepare(string target, TargetKind kind, WorldBundle old)
    {
        switch (kind)
        {
            case TargetKind.Empty:
                Directory.CreateDirectory(target);
                break;
            case TargetKind.Bundle:
                await old.SaveAsync(target, TinyWorlds.Options());
                break;
        }
    }

    private static bool Same(Dictionary<string, string>? a, Dictionary<string, string>? b) =>
        a is null ? b is null : b is not null && a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>Every file of a folder with its SHA-256 (null when the folder does not exist).</summary>
    private static Dictionary<string, string>? Content(string folder) =>
        !Directory.Exists(folder) ? null : TinyWorlds.Files(folder).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f)))), StringComparer.Ordinal);

    private static (int Exit, string Output) Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
