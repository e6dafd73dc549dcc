using System.Text.Json;
using LeadForge.Tables;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation.Quality;

/// <summary>Band logic, option checks and the temporal split of the quality report, on measured runs built by hand.</summary>
public class QualityBandTests
{
    private static readonly QualityReportOptions AllTiers = new() { Seeds = [1, 2, 3] };

    private static BaselineResult Model(string name, double auc) => new(name, auc, 0.5, 0.2, 0.1, 2.0, 0.6, 700, 150, ["x"]);

    private static QualityRun Run(Difficulty tier, long seed, double conversion, double lr, double ft, double? taskLeak = 0.7, double? relationalLeak = 0.6) => new()
    {
        Tier = tier,
        Seed = seed,
        TaskId = "t",
        ConversionRate = conversion,
        TestConversionRate = conversion,
        LogisticRegression = Model(BaselineEvaluator.LogisticRegression, lr),
        FastTree = Model(BaselineEvaluator.FastTree, ft),
        OracleAuc = 0.9,
        TemporalBestAuc = Math.Max(lr, ft) - 0.01,
        MaxTaskColumnAuc = taskLeak,
        MaxTaskColumn = taskLeak is null ? null : "current_stage",
        MaxRelationalAuc = relationalLeak,
        MaxRelationalFeature = relationalLeak is null ? null : "sessions.row_count",
    };

    /// <summary>Three seeds per tier, every band met.</summary>
    private static List<QualityRun> Good() =>
    [
        Run(Difficulty.Intro, 1, 0.36, 0.80, 0.84), Run(Difficulty.Intro, 2, 0.38, 0.81, 0.85), Run(Difficulty.Intro, 3, 0.40, 0.82, 0.86),
        Run(Difficulty.Intermediate, 1, 0.22, 0.72, 0.75), Run(Difficulty.Intermediate, 2, 0.23, 0.73, 0.76), Run(Difficulty.Intermediate, 3, 0.24, 0.74, 0.77),
        Run(Difficulty.Advanced, 1, 0.11, 0.66, 0.64), Run(Difficulty.Advanced, 2, 0.12, 0.67, 0.65), Run(Difficulty.Advanced, 3, 0.13, 0.68, 0.66),
    ];

    private static readonly Dictionary<string, int> Population = new() { ["accounts"] = 600, ["contacts"] = 1_680, ["leads"] = 2_000 };

    private static QualityReport Report(IReadOnlyList<QualityRun> runs, QualityReportOptions? options = null) => QualityReport.FromRuns(options ?? AllTiers, Population, runs);

    private static QualityCheck Check(QualityReport r, string id) => r.Checks.Single(c => c.Id == id);

    [Test]
    public void Runs_inside_every_band_pass_with_the_expected_checks()
    {
        var report = Report(Good());
        Assert.That(report.Passed, Is.True);
        Assert.That(report.TierOrderingHolds, Is.True);
        Assert.That(report.Checks.Select(c => c.Id), Is.EqualTo(new[]
        {
            "conversion.intro", "best_auc.intro", "spread.intro", "tree_advantage.intro",
            "conversion.intermediate", "best_auc.intermediate", "spread.intermediate", "tree_advantage.intermediate",
            "conversion.advanced", "best_auc.advanced", "spread.advanced",
            "tier_ordering", "leakage.task_columns", "leakage.relational",
        }));
        var intro = report.Tiers.Single(t => t.Tier == Difficulty.Intro);
        Assert.That(intro.BestAucMedian, Is.EqualTo(0.85).Within(1e-12));
        Assert.That(intro.BestAucSpread, Is.EqualTo(0.02).Within(1e-12));
        Assert.That(intro.TreeAdvantageMedian, Is.EqualTo(0.04).Within(1e-12));
        Assert.That(report.Tiers.Single(t => t.Tier == Difficulty.Advanced).BestAucMedian, Is.EqualTo(0.67).Within(1e-12), "the best of LR and FastTree per seed");
        Assert.That(Check(report, "tier_ordering").Measured, Is.EqualTo(0.09).Within(1e-12), "smallest gap between adjacent tiers");
    }

    [Test]
    public void One_seed_outside_the_conversion_band_fails_the_tier_even_with_a_good_median()
    {
        var runs = Good();
        runs[0] = Run(Difficulty.Intro, 1, 0.29, 0.80, 0.84);
        var report = Report(runs);
        var check = Check(report, "conversion.intro");
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(0.38));
        Assert.That(check.Description, Does.Contain("0.290–0.400"));
        Assert.That(report.Passed, Is.False);
        Assert.That(report.Checks.Where(c => !c.Passed).Select(c => c.Id), Is.EqualTo(new[] { "conversion.intro" }));
    }

    [Test]
    public void Median_auc_outside_the_band_and_too_wide_a_spread_fail()
    {
        var runs = Good();
        runs[3] = Run(Difficulty.Intermediate, 1, 0.22, 0.72, 0.81);
        runs[4] = Run(Difficulty.Intermediate, 2, 0.23, 0.73, 0.81);
        runs[5] = Run(Difficulty.Intermediate, 3, 0.24, 0.70, 0.70);
        var report = Report(runs);
        Assert.That(Check(report, "best_auc.intermediate").Passed, Is.False);
        Assert.That(Check(report, "best_auc.intermediate").Measured, Is.EqualTo(0.81).Within(1e-12));
        Assert.That(Check(report, "spread.intermediate").Passed, Is.False);
        Assert.That(Check(report, "spread.intermediate").Measured, Is.EqualTo(0.11).Within(1e-12));
        Assert.That(report.ToMarkdown(), Does.Contain("| **FAIL** |"));
    }

    [Test]
    public void A_spread_of_exactly_the_limit_passes()
    {
        var runs = Good();
        runs[6] = Run(Difficulty.Advanced, 1, 0.11, 0.64, 0.60);
        runs[8] = Run(Difficulty.Advanced, 3, 0.13, 0.68, 0.66);
        var bands = new QualityBands { MaxAucSpread = 0.04 + 1e-12 };
        Assert.That(Check(Report(runs, new QualityReportOptions { Seeds = [1, 2, 3], Bands = bands }), "spread.advanced").Passed, Is.True);
        Assert.That(Check(Report(runs, new QualityReportOptions { Seeds = [1, 2, 3], Bands = new QualityBands { MaxAucSpread = 0.03 } }), "spread.advanced").Passed, Is.False);
    }

    [Test]
    public void Tree_advantage_is_required_in_intro_and_intermediate_only()
    {
        var runs = Good();
        runs[0] = Run(Difficulty.Intro, 1, 0.36, 0.84, 0.85);
        runs[1] = Run(Difficulty.Intro, 2, 0.38, 0.85, 0.85);
        var report = Report(runs);
        var check = Check(report, "tree_advantage.intro");
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(0.01).Within(1e-12), "median of the per-seed differences 0.01, 0.00, 0.04");
        Assert.That(report.Checks.Any(c => c.Id == "tree_advantage.advanced"), Is.False, "advanced trees lose to LR by 0.02 and that is allowed");
    }

    [Test]
    public void Tier_ordering_fails_when_a_harder_tier_scores_higher()
    {
        var runs = Good();
        runs[6] = Run(Difficulty.Advanced, 1, 0.11, 0.78, 0.76);
        runs[7] = Run(Difficulty.Advanced, 2, 0.12, 0.79, 0.77);
        runs[8] = Run(Difficulty.Advanced, 3, 0.13, 0.80, 0.78);
        var report = Report(runs);
        Assert.That(report.TierOrderingHolds, Is.False);
        Assert.That(Check(report, "tier_ordering").Passed, Is.False);
        Assert.That(Check(report, "tier_ordering").Measured, Is.EqualTo(-0.03).Within(1e-12), "intermediate 0.76 vs advanced 0.79");
        Assert.That(report.ToMarkdown(), Does.Contain("**does not hold**"));
    }

    [Test]
    public void Leakage_over_the_threshold_fails_and_names_the_column()
    {
        var runs = Good();
        runs[4] = Run(Difficulty.Intermediate, 2, 0.23, 0.73, 0.76, taskLeak: 0.93, relationalLeak: 0.81);
        var report = Report(runs);
        var task = Check(report, "leakage.task_columns");
        Assert.That(task.Passed, Is.False);
        Assert.That(task.Measured, Is.EqualTo(0.93));
        Assert.That(task.Description, Does.Contain("current_stage").And.Contain("intermediate seed 2"));
        Assert.That(Check(report, "leakage.relational").Passed, Is.False);
        Assert.That(Check(report, "leakage.relational").Description, Does.Contain("sessions.row_count"));
    }

    [Test]
    public void Skipped_probes_and_a_single_tier_leave_their_checks_out()
    {
        var runs = Good().Where(r => r.Tier == Difficulty.Intro).Select(r => r with { MaxTaskColumnAuc = null, MaxRelationalAuc = null, OracleAuc = null, TemporalBestAuc = null }).ToArray();
        var report = Report(runs, new QualityReportOptions { Tiers = [Difficulty.Intro], Seeds = [1, 2, 3] });
        Assert.That(report.TierOrderingHolds, Is.Null);
        Assert.That(report.Checks.Select(c => c.Id), Is.EqualTo(new[] { "conversion.intro", "best_auc.intro", "spread.intro", "tree_advantage.intro" }));
        Assert.That(report.Tiers.Single().OracleAucMedian, Is.Null);
        Assert.That(report.Tiers.Single().CohortShiftDegradationMedian, Is.Null);
        using var doc = JsonDocument.Parse(report.ToJson());
        Assert.That(doc.RootElement.GetProperty("tier_ordering_holds").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(doc.RootElement.GetProperty("tiers")[0].GetProperty("oracle_auc_median").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(report.ToMarkdown(), Does.Not.Contain("## Leakage probes").And.Not.Contain("Tier ordering"));
    }

    [Test]
    public void Non_finite_metrics_become_null_in_json_and_na_in_markdown()
    {
        var runs = Good();
        runs[0] = runs[0] with { LogisticRegression = runs[0].LogisticRegression with { CalibrationMaxBinError = double.NaN } };
        var report = Report(runs);
        using var doc = JsonDocument.Parse(report.ToJson());
        Assert.That(doc.RootElement.GetProperty("runs")[0].GetProperty("logistic_regression").GetProperty("calibration_max_bin_error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(report.ToMarkdown(), Does.Not.Contain("NaN"));
    }

    [Test]
    public void Auc_standard_error_follows_hanley_and_mcneil()
    {
        // A = 0.85 with 1,100 positives and 1,900 negatives: Q1 = A/(2−A), Q2 = 2A²/(1+A).
        var run = Run(Difficulty.Intro, 1, 0.3667, 0.80, 0.85) with { FastTree = new BaselineResult(BaselineEvaluator.FastTree, 0.85, 0.5, 0.2, 0.1, 2, 0.6, 14_000, 3_000, ["x"]) };
        double a = 0.85, q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
        var expected = Math.Sqrt(((a * (1 - a)) + (1_099 * (q1 - (a * a))) + (1_899 * (q2 - (a * a)))) / (1_100.0 * 1_900));
        Assert.That(run.BestAucStandardError, Is.EqualTo(expected).Within(1e-12));
        Assert.That(run.BestAucStandardError, Is.InRange(0.007, 0.009));
        Assert.That((run with { TestConversionRate = 0 }).BestAucStandardError, Is.NaN);
        Assert.That(Report(Good()).ToMarkdown(), Does.Contain("3 independent draws span about 1.69 s.e."));
    }

    [Test]
    public void Median_of_an_even_count_averages_the_middle_pair()
    {
        Assert.That(QualityReport.Median([0.4, 0.1, 0.3, 0.2]), Is.EqualTo(0.25).Within(1e-12));
        Assert.That(QualityReport.Median([double.NaN, 0.3]), Is.EqualTo(0.3));
        Assert.That(QualityReport.Median([]), Is.NaN);
    }

    [TestCaseSource(nameof(BadOptions))]
    public async Task Invalid_options_are_refused_before_anything_runs(QualityReportOptions options, string parameter)
    {
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.That(ex!.ParamName, Is.EqualTo(parameter));
        await Assert.ThrowsAsync<ArgumentException>(() => QualityReport.RunAsync(options));
    }

    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return new TestCaseData(new QualityReportOptions { Seeds = [] }, "Seeds").SetName("no seeds");
        yield return new TestCaseData(new QualityReportOptions { Seeds = [42, 42] }, "Seeds").SetName("duplicate seed");
        yield return new TestCaseData(new QualityReportOptions { Tiers = [] }, "Tiers").SetName("no tiers");
        yield return new TestCaseData(new QualityReportOptions { Tiers = [Difficulty.Intro, Difficulty.Intro] }, "Tiers").SetName("duplicate tier");
        yield return new TestCaseData(new QualityReportOptions { Population = new Dictionary<string, int>() }, "Population").SetName("no counts");
        yield return new TestCaseData(new QualityReportOptions { Population = new Dictionary<string, int> { ["leads"] = 500, ["accounts"] = -1 } }, "Population").SetName("negative accounts");
        yield return new TestCaseData(new QualityReportOptions { LeakageAucThreshold = 0.5 }, "LeakageAucThreshold").SetName("threshold at chance");
        yield return new TestCaseData(new QualityReportOptions { DegreeOfParallelism = 0 }, "DegreeOfParallelism").SetName("zero threads");
        yield return new TestCaseData(new QualityReportOptions { RecipeId = " " }, "RecipeId").SetName("blank recipe");
    }

    [Test]
    public async Task Unknown_recipe_fails_with_a_recipe_error()
    {
        var options = new QualityReportOptions { RecipeId = "no_such_recipe_v9", Seeds = [1], Population = new Dictionary<string, int> { ["leads"] = 500 } };
        await Assert.ThrowsAsync<RecipeException>(() => QualityReport.RunAsync(options));
    }

    [Test]
    public async Task A_cancelled_token_stops_the_run()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var options = new QualityReportOptions { Seeds = [1], Population = new Dictionary<string, int> { ["leads"] = 500 } };
        await Assert.CatchAsync<OperationCanceledException>(() => QualityReport.RunAsync(options, null, cts.Token));
    }

    [Test]
    public void Explicit_accounts_and_contacts_are_used_as_given()
    {
        static (int, int, int) Counts(Dictionary<string, int> given) =>
            QualityRunner.Population(new QualityReportOptions { Population = given }) is var p ? (p["accounts"], p["contacts"], p["leads"]) : default;
        Assert.That(Counts(new() { ["leads"] = 1_000, ["accounts"] = 77, ["contacts"] = 99 }), Is.EqualTo((77, 99, 1_000)));
        Assert.That(Counts(new() { ["leads"] = 20_000 }), Is.EqualTo((6_000, 16_800, 20_000)));
        Assert.That(Counts(new() { ["leads"] = 20_000, ["accounts"] = 10 }), Is.EqualTo((10, 16_800, 20_000)));
    }

    [Test]
    public void Temporal_split_trains_on_the_earliest_rows_and_tests_on_the_latest()
    {
        var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(3).WithExposure(ExposureMode.StudentPublic).WithLeads(1_000).WithDegreeOfParallelism(1).Generate();
        var task = bundle.Tasks["converted_within_90_days"];
        var (train, test) = QualityRunner.TemporalSplit(task)!.Value;
        var total = task.Train.RowCount + task.Valid.RowCount + task.Test.RowCount;
        Assert.That(train.RowCount, Is.EqualTo((int)Math.Round(total * 0.7)));
        Assert.That(test.RowCount, Is.EqualTo((int)Math.Round(total * 0.15)));
        var lastTrain = train["snapshot_at"].As<DateTime>().Values.ToArray().Max();
        var firstTest = test["snapshot_at"].As<DateTime>().Values.ToArray().Min();
        Assert.That(lastTrain, Is.LessThanOrEqualTo(firstTest));
        var trainIds = train["row_id"].AsString().ToArray().ToHashSet();
        Assert.That(test["row_id"].AsString().ToArray().Any(trainIds.Contains), Is.False);
    }

    [Test]
    public void Temporal_split_is_skipped_without_a_timestamp_to_order_by()
    {
        var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(3).WithExposure(ExposureMode.StudentPublic).WithLeads(500).WithDegreeOfParallelism(1).Generate();
        var task = bundle.Tasks["converted_within_90_days"];
        static Table Drop(Table t) => t.SelectColumns(c => c.Name is not ("snapshot_at" or "lead_created_at"));
        var stripped = task with { Train = Drop(task.Train), Valid = Drop(task.Valid), Test = Drop(task.Test) };
        Assert.That(QualityRunner.TemporalSplit(stripped), Is.Null);
    }
}
