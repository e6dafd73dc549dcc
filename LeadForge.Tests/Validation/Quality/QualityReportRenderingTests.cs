using LeadForge.Tests.TestSupport;
using LeadForge.Validation;
using Snapshooter;

namespace LeadForge.Tests.Validation.Quality;

/// <summary>
/// The quality report's Markdown and JSON, approved on hand-built runs that cover passing and failing
/// bands, a missing (NaN) AUC, absent leakage and oracle figures and an overrides file, so that the
/// renderings are tested without generating a bundle (issue 18 point 7: the writer had no fast test).
/// </summary>
public sealed class QualityReportRenderingTests
{
    private static BaselineResult Model(string name, double auc, double ap = 0.5) => new(name, auc, ap, 0.2, 0.1, 2.0, 0.6, 700, 150, ["fit_score", "current_stage"]);

    private static QualityRun Run(Difficulty tier, long seed, double conversion, double lr, double ft, double? leak = 0.7, double? oracle = 0.9) => new()
    {
        Tier = tier,
        Seed = seed,
        MotifFamily = seed % 2 == 0 ? "fit_driven" : "intent_driven",
        TaskId = "converted_within_90_days",
        ConversionRate = conversion,
        TestConversionRate = conversion + 0.01,
        LogisticRegression = Model(BaselineEvaluator.LogisticRegression, lr),
        FastTree = Model(BaselineEvaluator.FastTree, ft, 0.55),
        OracleAuc = oracle,
        TemporalBestAuc = double.IsNaN(lr) ? null : Math.Max(lr, ft) - 0.02,
        MaxTaskColumnAuc = leak,
        MaxTaskColumn = leak is null ? null : "current_stage",
        MaxRelationalAuc = leak is null ? null : leak - 0.1,
        MaxRelationalFeature = leak is null ? null : "touches.row_count",
        MaxTrapAuc = leak is null ? null : 0.97,
    };

    private static readonly QualityReport Report = QualityReport.FromRuns(
        new QualityReportOptions { Seeds = [42, 43], OverridesPath = "overrides/team|a.yaml" },
        new Dictionary<string, int> { ["accounts"] = 600, ["contacts"] = 1_680, ["leads"] = 2_000 },
        [
            Run(Difficulty.Intro, 42, 0.36, 0.80, 0.84), Run(Difficulty.Intro, 43, 0.38, 0.81, 0.86, leak: 0.83),
            Run(Difficulty.Intermediate, 42, 0.22, double.NaN, 0.75, leak: null, oracle: null), Run(Difficulty.Intermediate, 43, 0.23, 0.73, 0.76),
            Run(Difficulty.Advanced, 42, 0.02, 0.79, 0.78),
        ]);

    private static string Scrub(string text) => text.Replace(LeadForgeInfo.PackageVersion, "<version>", StringComparison.Ordinal);

    [Test]
    public void Markdown_rendering() => Approvals.Match(Scrub(Report.ToMarkdown()), new SnapshotNameExtension("md"));

    [Test]
    public void Json_rendering() => Approvals.Match(Scrub(Report.ToJson()), new SnapshotNameExtension("json"));

    [Test]
    public void Summary_line_counts_passed_checks_and_runs()
    {
        Assert.That(Report.Passed, Is.False);
        Assert.That(Report.ToString(), Is.EqualTo($"Quality report of b2b_saas_procurement_v1: failed ({Report.Checks.Count(c => c.Passed)}/{Report.Checks.Count} checks, 5 runs)"));
    }

    [Test]
    public void The_regenerate_command_carries_the_tiers_and_overrides_that_differ_from_the_defaults()
    {
        var runs = new[] { Run(Difficulty.Advanced, 7, 0.1, 0.66, 0.65), Run(Difficulty.Intro, 7, 0.38, 0.81, 0.85) };
        var population = new Dictionary<string, int> { ["leads"] = 2_000 };
        var plain = QualityReport.FromRuns(new QualityReportOptions { Seeds = [7], Tiers = [Difficulty.Intro, Difficulty.Intermediate, Difficulty.Advanced] }, population, runs).ToMarkdown();
        var chosen = QualityReport.FromRuns(new QualityReportOptions { Seeds = [7], Tiers = [Difficulty.Advanced, Difficulty.Intro], OverridesPath = "my team's.yaml" }, population, runs).ToMarkdown();
        Assert.That(plain, Does.Contain("quality-report --recipe b2b_saas_procurement_v1 --count leads=20000 --seeds 7 --out docs/quality-report\n"));
        Assert.That(chosen, Does.Contain("--seeds 7 --tiers advanced intro --override 'my team'\\''s.yaml' --out docs/quality-report\n"));
    }

    [TestCase("docs/a-b_c.yaml", "docs/a-b_c.yaml")]
    [TestCase("a b.yaml", "'a b.yaml'")]
    [TestCase("team|a.yaml", "'team|a.yaml'")]
    [TestCase("", "''")]
    public void Paths_are_quoted_as_one_shell_word(string path, string word) => Assert.That(QualityReportWriter.ShellQuote(path), Is.EqualTo(word));
}
