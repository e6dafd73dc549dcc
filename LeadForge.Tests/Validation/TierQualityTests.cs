using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

/// <summary>
/// The CI-sized quality gate of SPEC §5.6 (the full bands are measured at 20,000 leads × 5 seeds by
/// the quality report): at 5,000 leads the best baseline ROC-AUC on the student_public task strictly
/// orders the tiers, and no non-trap column crosses the leakage threshold. Each seed's three worlds
/// are generated and measured once for both tests.
/// </summary>
[Category("Quality")]
public class TierQualityTests
{
    private const int Leads = 5000;
    private static readonly Difficulty[] Tiers = [Difficulty.Intro, Difficulty.Intermediate, Difficulty.Advanced];
    private static readonly ConcurrentDictionary<long, Lazy<Measurement>> Measured = new();

    [TestCase(42)]
    [TestCase(43)]
    public void Best_baseline_auc_strictly_orders_the_tiers(long seed)
    {
        var m = Measure(seed);
        TestContext.Out.WriteLine(m.Summary);
        Assert.Multiple(() =>
        {
            Assert.That(m.BestAuc[Difficulty.Intro], Is.GreaterThan(m.BestAuc[Difficulty.Intermediate]), () => "intro > intermediate\n" + m.Summary);
            Assert.That(m.BestAuc[Difficulty.Intermediate], Is.GreaterThan(m.BestAuc[Difficulty.Advanced]), () => "intermediate > advanced\n" + m.Summary);
        });
    }

    [TestCase(42)]
    [TestCase(43)]
    public void No_non_trap_column_crosses_the_leakage_threshold(long seed)
    {
        var m = Measure(seed);
        TestContext.Out.WriteLine(m.Summary);
        Assert.That(m.ProbeCounts.Values, Has.All.GreaterThanOrEqualTo(7), "every public table is probed");
        Assert.That(m.Leaks, Is.Empty, () => $"non-trap columns above the {new ValidationOptions().LeakageAucThreshold} leakage threshold\n" + m.Summary);
    }

    private static Measurement Measure(long seed) => Measured.GetOrAdd(seed, s => new Lazy<Measurement>(() => Run(s))).Value;

    private static Measurement Run(long seed)
    {
        var options = new ValidationOptions { RunBaselines = false };
        var best = new Dictionary<Difficulty, double>();
        var probeCounts = new Dictionary<Difficulty, int>();
        var leaks = new List<string>();
        var log = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var tier in Tiers)
        {
            var bundle = Generator.FromRecipe(BundleEdits.RealRecipe).WithSeed(seed).WithExposure(ExposureMode.StudentPublic).WithDifficulty(tier).WithLeads(Leads).Generate();
            var task = bundle.Tasks.Single();

            // The validator's feature selection: no ids, no raw timestamps, no documented traps.
            var features = BaselineEvaluator.SelectFeatures(task, options.IdColumns, options.IdColumnPattern, task.Manifest.DocumentedTraps);
            Assert.That(features, Has.None.EqualTo(task.Manifest.LabelColumn).And.None.EqualTo("total_touches_all").And.None.EqualTo("lead_id").And.None.EqualTo("snapshot_at"));
            var results = new BaselineEvaluator(options.Seed).Evaluate(task.Train, task.Test, task.Manifest.LabelColumn, features);
            best[tier] = results.Max(r => r.RocAuc);
            var rows = task.Splits.Sum(x => x.Table.RowCount);
            var rate = task.Splits.Sum(x => x.Table[task.Manifest.LabelColumn].As<bool>().Values.ToArray().Count(v => v)) / (double)rows;

            var report = new BundleValidator(options).Validate(bundle);
            var probes = report.Checks.Where(c => c.Id.StartsWith("leakage.single_column.", StringComparison.Ordinal) || c.Id.StartsWith("leakage.relational.", StringComparison.Ordinal)).ToArray();
            probeCounts[tier] = probes.Count(c => c.Id.StartsWith("leakage.relational.", StringComparison.Ordinal));
            leaks.AddRange(probes.Where(c => !c.Passed).Select(c => $"{tier.ToWire()}: {c.Id} (AUC {c.Measured?.ToString("0.####", CultureInfo.InvariantCulture)})"));
            var worst = probes.Where(c => c.Severity != CheckSeverity.Info).Max(c => c.Measured ?? 0.5);
            log.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed} {tier.ToWire(),-12} conversion {rate:0.000}  {string.Join("  ", results.Select(r => $"{r.Model} {r.RocAuc:0.0000}"))}  best {best[tier]:0.0000}  max non-trap probe AUC {worst:0.0000}"));
        }

        log.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {clock.Elapsed.TotalSeconds:0.0} s for {Tiers.Length} tiers at {Leads:N0} leads"));
        return new Measurement(best, probeCounts, leaks, string.Join(Environment.NewLine, log));
    }

    private sealed record Measurement(Dictionary<Difficulty, double> BestAuc, Dictionary<Difficulty, int> ProbeCounts, List<string> Leaks, string Summary);
}
