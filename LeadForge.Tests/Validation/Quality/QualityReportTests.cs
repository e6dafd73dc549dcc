using System.Text.Json;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation.Quality;

/// <summary>A real, CI-sized quality report (2,000 leads, one seed, two tiers) and its renderings.</summary>
public class QualityReportTests
{
    private static readonly QualityReportOptions Small = new()
    {
        Tiers = [Difficulty.Intro, Difficulty.Advanced],
        Seeds = [42],
        Population = new Dictionary<string, int> { ["leads"] = 2_000 },
        DegreeOfParallelism = 2,
    };

    private QualityReport _report = null!;
    private List<QualityReportProgress> _progress = null!;

    [OneTimeSetUp]
    public async Task RunSmallReport()
    {
        _progress = [];
        _report = await QualityReport.RunAsync(Small, new SyncProgress(_progress));
    }

    [Test]
    public void Every_tier_and_seed_is_measured_with_finite_figures()
    {
        Assert.That(_report.Runs.Select(r => (r.Tier, r.Seed)), Is.EqualTo(new[] { (Difficulty.Intro, 42L), (Difficulty.Advanced, 42L) }));
        foreach (var r in _report.Runs)
        {
            Assert.Multiple(() =>
            {
                Assert.That(r.TaskId, Is.EqualTo("converted_within_90_days"));
                Assert.That(r.ConversionRate, Is.InRange(0.01, 0.99));
                Assert.That(r.LogisticRegression.Model, Is.EqualTo(BaselineEvaluator.LogisticRegression));
                Assert.That(r.FastTree.Model, Is.EqualTo(BaselineEvaluator.FastTree));
                Assert.That(r.Best.RocAuc, Is.EqualTo(Math.Max(r.LogisticRegression.RocAuc, r.FastTree.RocAuc)));
                Assert.That(r.TreeAdvantage, Is.EqualTo(r.FastTree.RocAuc - r.LogisticRegression.RocAuc).Within(1e-12));
                Assert.That(r.Best.RocAuc, Is.InRange(0.5, 1.0));
                Assert.That(r.OracleAuc, Is.InRange(0.5, 1.0));
                Assert.That(r.MotifFamily, Is.Not.Null.And.Not.Empty);
                Assert.That(r.TemporalBestAuc, Is.InRange(0.4, 1.0));
                Assert.That(r.CohortShiftDegradation, Is.EqualTo(r.Best.RocAuc - r.TemporalBestAuc!.Value).Within(1e-12));
                Assert.That(r.MaxTaskColumnAuc, Is.InRange(0.5, 1.0));
                Assert.That(r.MaxTaskColumn, Is.Not.Null.And.Not.EqualTo("total_touches_all"));
                Assert.That(r.MaxRelationalAuc, Is.InRange(0.5, 1.0));
                Assert.That(r.MaxRelationalFeature, Does.Contain("."));
                Assert.That(r.MaxTrapAuc, Is.Not.Null);
                Assert.That(r.LogisticRegression.FeatureColumns, Does.Not.Contain("total_touches_all").And.Not.Contain("lead_id").And.Not.Contain("snapshot_at").And.Contain("current_stage"));
            });
        }
    }

    [Test]
    public void Public_relational_aggregates_are_joined_to_the_task_rows()
    {
        // Event counts per lead carry some signal; a probe that failed to join would score exactly 0.5.
        Assert.That(_report.Runs.Max(r => r.MaxRelationalAuc!.Value), Is.GreaterThan(0.55));
    }

    [Test]
    public void One_seed_summaries_repeat_the_run_and_have_no_spread()
    {
        foreach (var t in _report.Tiers)
        {
            var run = _report.Runs.Single(r => r.Tier == t.Tier);
            Assert.Multiple(() =>
            {
                Assert.That(t.Seeds, Is.EqualTo(1));
                Assert.That(t.BestAucMedian, Is.EqualTo(run.Best.RocAuc));
                Assert.That(t.BestAucSpread, Is.Zero);
                Assert.That(t.ConversionMedian, Is.EqualTo(run.ConversionRate));
                Assert.That(t.TreeAdvantageMedian, Is.EqualTo(run.TreeAdvantage));
                Assert.That(t.OracleAucMedian, Is.EqualTo(run.OracleAuc));
                Assert.That(t.Band, Is.EqualTo(QualityBands.Default.For(t.Tier)));
            });
        }
    }

    [Test]
    public void Population_is_scaled_from_the_recipe_defaults()
    {
        // The recipe's defaults are 1,500 accounts and 4,200 contacts for 5,000 leads.
        Assert.That((_report.Population["accounts"], _report.Population["contacts"], _report.Population["leads"]), Is.EqualTo((600, 1_680, 2_000)));
        Assert.That(_report.Runs[0].LogisticRegression.TrainRows + _report.Runs[0].LogisticRegression.TestRows, Is.InRange(1_500, 1_800));
    }

    [Test]
    public void Progress_reports_every_step_and_ends_complete()
    {
        Assert.That(_progress.First().Completed, Is.Zero);
        Assert.That(_progress.Last(), Is.EqualTo(new QualityReportProgress(2, 2, Difficulty.Advanced, 42, "done")));
        Assert.That(_progress.Select(p => p.Step).Distinct(), Is.SupersetOf(new[] { "generating the student_public bundle", "training the baselines", "training the baselines on a temporal split", "probing for leakage", "generating the research_instructor bundle" }));
        Assert.That(_progress.Select(p => p.Completed), Is.Ordered);
    }

    [Test]
    public void Markdown_has_the_band_table_the_tier_summary_every_run_and_how_to_regenerate()
    {
        var md = _report.ToMarkdown();
        Assert.That(md, Does.StartWith("# Quality report — `b2b_saas_procurement_v1`"));
        Assert.That(md, Does.Contain("## Bands").And.Contain("## Tiers (medians over seeds)").And.Contain("## Runs").And.Contain("## Leakage probes").And.Contain("## How to regenerate"));
        Assert.That(md, Does.Contain("QualityReport.RunAsync").And.Contain("Population = new Dictionary<string, int> { [\"leads\"] = 2000 }"));
        Assert.That(md, Does.Contain("Seeds = [42]").And.Contain("Tiers = [Difficulty.Intro, Difficulty.Advanced]"));
        foreach (var c in _report.Checks)
        {
            Assert.That(md, Does.Contain($"| {c.Description} | {QualityReport.F(c.Measured)} | {c.Band} | {(c.Passed ? "pass" : "**FAIL**")} |"));
        }

        foreach (var r in _report.Runs)
        {
            Assert.That(md, Does.Contain($"| {r.Tier.ToWire()} | {r.Seed} | {r.MotifFamily} | {QualityReport.F(r.ConversionRate)} |"));
        }

        Assert.That(md, Does.Contain(_report.Passed ? "every band is met" : "checks failed"));
        Assert.That(md, Does.Not.Contain("NaN"));
    }

    [Test]
    public void Json_round_trips_the_figures()
    {
        using var doc = JsonDocument.Parse(_report.ToJson());
        var root = doc.RootElement;
        Assert.That(root.GetProperty("recipe_id").GetString(), Is.EqualTo("b2b_saas_procurement_v1"));
        Assert.That(root.GetProperty("passed").GetBoolean(), Is.EqualTo(_report.Passed));
        Assert.That(root.GetProperty("options").GetProperty("population").GetProperty("leads").GetInt32(), Is.EqualTo(2_000));
        Assert.That(root.GetProperty("options").GetProperty("seeds").EnumerateArray().Select(e => e.GetInt64()), Is.EqualTo(new[] { 42L }));
        Assert.That(root.GetProperty("tier_ordering_holds").GetBoolean(), Is.EqualTo(_report.TierOrderingHolds));
        var runs = root.GetProperty("runs").EnumerateArray().ToArray();
        Assert.That(runs, Has.Length.EqualTo(2));
        for (var i = 0; i < runs.Length; i++)
        {
            var r = _report.Runs[i];
            Assert.That(runs[i].GetProperty("tier").GetString(), Is.EqualTo(r.Tier.ToWire()));
            Assert.That(runs[i].GetProperty("fast_tree").GetProperty("roc_auc").GetDouble(), Is.EqualTo(r.FastTree.RocAuc).Within(1e-6));
            Assert.That(runs[i].GetProperty("logistic_regression").GetProperty("brier").GetDouble(), Is.EqualTo(r.LogisticRegression.Brier).Within(1e-6));
            Assert.That(runs[i].GetProperty("oracle_auc").GetDouble(), Is.EqualTo(r.OracleAuc!.Value).Within(1e-6));
            Assert.That(runs[i].GetProperty("max_relational_feature").GetString(), Is.EqualTo(r.MaxRelationalFeature));
        }

        var checks = root.GetProperty("checks").EnumerateArray().ToArray();
        Assert.That(checks.Select(c => c.GetProperty("id").GetString()), Is.EqualTo(_report.Checks.Select(c => c.Id)));
        Assert.That(root.GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("best_auc_spread").GetDouble()), Is.All.Zero);
    }

    [Test]
    public async Task Same_options_give_the_same_report()
    {
        var options = new QualityReportOptions { Tiers = [Difficulty.Intro], Seeds = [42], Population = Small.Population, DegreeOfParallelism = 1, IncludeOracle = false };
        var again = await QualityReport.RunAsync(options);
        var first = _report.Runs.Single(r => r.Tier == Difficulty.Intro);
        var second = again.Runs.Single();
        Assert.That(second.LogisticRegression.RocAuc, Is.EqualTo(first.LogisticRegression.RocAuc));
        Assert.That(second.FastTree.RocAuc, Is.EqualTo(first.FastTree.RocAuc));
        Assert.That(second.MaxRelationalAuc, Is.EqualTo(first.MaxRelationalAuc));
        Assert.That(second.OracleAuc, Is.Null);
        Assert.That(second.MotifFamily, Is.Null);
        Assert.That(again.ToMarkdown(), Does.Contain("| intro | 42 | n/a |"));
    }

    private sealed class SyncProgress(List<QualityReportProgress> sink) : IProgress<QualityReportProgress>
    {
        public void Report(QualityReportProgress value) => sink.Add(value);
    }
}
