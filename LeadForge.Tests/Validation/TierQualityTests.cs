using System.Diagnostics;
using System.Globalization;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

/// <summary>
/// The CI-sized quality gate of SPEC §5.6 (the full bands are measured at 20,000 leads × 5 seeds by
/// the quality report): at 5,000 leads the best baseline ROC-AUC on the student_public task strictly
/// orders the tiers, and no non-trap column crosses the leakage threshold.
/// </summary>
[Category("Quality")]
public class TierQualityTests
{
    private const int Leads = 5000;
    private static readonly Difficulty[] Tiers = [Difficulty.Intro, Difficulty.Intermediate, Difficulty.Advanced];

    [TestCase(42)]
    [TestCase(43)]
    public void Best_baseline_auc_strictly_orders_the_tiers_and_no_non_trap_column_leaks(long seed)
    {
        var options = new ValidationOptions { RunBaselines = false };
        var best = new Dictionary<Difficulty, double>();
        var leaks = new List<string>();
        var log = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var tier in Tiers)
        {
            var bundle = Generator.FromRecipe(BundleEdits.RealRecipe).WithSeed(seed).WithExposure(ExposureMode.StudentPublic).WithDifficulty(tier).WithPopulation(leads: Leads).Generate();
            var task = bundle.Tasks.Single();

            // The validator's feature selection: no ids, no raw timestamps, no documented traps.
            var features = BaselineEvaluator.SelectFeatures(task, options.IdColumns, options.IdColumnPattern, task.Manifest.DocumentedTraps);
            Assert.That(features, Has.None.EqualTo(task.Manifest.LabelColumn).And.None.EqualTo("total_touches_all").And.None.EqualTo("lead_id").And.None.EqualTo("snapshot_at"));
            var results = new BaselineEvaluator(options.Seed).Evaluate(task.Train, task.Test, task.Manifest.LabelColumn, features);
            best[tier] = results.Max(r => r.RocAuc);
            var rate = task.Splits.Sum(s => s.Table[task.Manifest.LabelColumn].As<bool>().Values.ToArray().Count(v => v)) / (double)task.Splits.Sum(s => s.Table.RowCount);

            var report = new BundleValidator(options).Validate(bundle);
            var probes = report.Checks.Where(c => c.Id.StartsWith("leakage.single_column.", StringComparison.Ordinal) || c.Id.StartsWith("leakage.relational.", StringComparison.Ordinal)).ToArray();
            Assert.That(probes.Count(c => c.Id.StartsWith("leakage.relational.", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(7), "every public table is probed");
            leaks.AddRange(probes.Where(c => !c.Passed).Select(c => $"{tier.ToWire()}: {c.Id} (AUC {c.Measured?.ToString("0.####", CultureInfo.InvariantCulture)})"));
            var worst = probes.Where(c => c.Severity != CheckSeverity.Info).Max(c => c.Measured ?? 0.5);
            log.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed} {tier.ToWire(),-12} conversion {rate:0.000}  {string.Join("  ", results.Select(r => $"{r.Model} {r.RocAuc:0.0000}"))}  best {best[tier]:0.0000}  max non-trap probe AUC {worst:0.0000}"));
        }

        log.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {clock.Elapsed.TotalSeconds:0.0} s for {Tiers.Length} tiers at {Leads:N0} leads"));
        var summary = string.Join(Environment.NewLine, log);
        TestContext.Out.WriteLine(summary);
        Assert.Multiple(() =>
        {
            Assert.That(best[Difficulty.Intro], Is.GreaterThan(best[Difficulty.Intermediate]), () => "intro > intermediate\n" + summary);
            Assert.That(best[Difficulty.Intermediate], Is.GreaterThan(best[Difficulty.Advanced]), () => "intermediate > advanced\n" + summary);
            Assert.That(leaks, Is.Empty, () => $"non-trap columns above the {new ValidationOptions().LeakageAucThreshold} leakage threshold\n" + summary);
        });
    }
}
