using System.Globalization;

namespace LeadForge.Validation;

/// <summary>
/// The quality report of a recipe: for every difficulty tier × seed it generates the student_public
/// bundle, trains the baselines on the primary task's train split and scores its test split, retrains
/// them on a temporal split (cohort shift), probes single task columns and relational aggregates for
/// leakage and reads the oracle AUC from the research_instructor bundle; then summarises each tier
/// (medians, max − min spreads) and checks the bands. Printable as Markdown and JSON.
/// </summary>
/// <example>
/// <code>
/// QualityReport report = await QualityReport.RunAsync(new QualityReportOptions { Seeds = [42, 43] });
/// File.WriteAllText("quality-report.md", report.ToMarkdown());
/// Console.WriteLine(report.Passed);
/// </code>
/// </example>
/// <threadsafety>Immutable; safe to read from many threads. <see cref="RunAsync"/> keeps no state between calls.</threadsafety>
public sealed class QualityReport
{
    private QualityReport(QualityReportOptions options, IReadOnlyDictionary<string, int> population, IReadOnlyList<QualityRun> runs)
    {
        Options = options;
        Population = population;
        Runs = runs.ToArray();
        Tiers = options.Tiers.Where(t => Runs.Any(r => r.Tier == t)).Select(t => Summarise(t, options.Bands.For(t), Runs.Where(r => r.Tier == t).ToArray())).ToArray();
        Checks = BuildChecks().ToArray();
    }

    /// <summary>The options the report ran with.</summary>
    public QualityReportOptions Options { get; }

    /// <summary>The resolved population of every generated bundle: each entity the scheme declares → its count.</summary>
    /// <value>The options' counts, with the others following the scheme's driver entity.</value>
    public IReadOnlyDictionary<string, int> Population { get; }

    /// <summary>The LeadForge package version that produced the report.</summary>
    public string PackageVersion => LeadForgeInfo.PackageVersion;

    /// <summary>Every tier × seed run, tiers in option order, seeds in option order.</summary>
    public IReadOnlyList<QualityRun> Runs { get; }

    /// <summary>One summary per tier, in option order.</summary>
    public IReadOnlyList<QualityTierSummary> Tiers { get; }

    /// <summary>Every band check.</summary>
    public IReadOnlyList<QualityCheck> Checks { get; }

    /// <summary>Whether every band check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>
    /// Whether the median best-baseline AUC strictly decreases from intro to intermediate to advanced
    /// over the tiers run; <see langword="null"/> with fewer than two tiers.
    /// </summary>
    public bool? TierOrderingHolds
    {
        get
        {
            var ordered = Tiers.OrderBy(t => t.Tier).ToArray();
            return ordered.Length < 2 ? null : ordered.Zip(ordered.Skip(1)).All(p => p.First.BestAucMedian > p.Second.BestAucMedian);
        }
    }

    /// <summary>Runs the report.</summary>
    /// <param name="options">What to run. <value>Default: <see cref="QualityReportOptions"/> defaults (all tiers, seeds 42–46, 20,000 leads).</value></param>
    /// <param name="progress">Receives a report before each step of each tier × seed.</param>
    /// <param name="cancellationToken">Cancels the run (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">Invalid options (see <see cref="QualityReportOptions.Validate"/>).</exception>
    /// <exception cref="LeadForgeException">The recipe or overrides could not be resolved, or generation failed.</exception>
    public static Task<QualityReport> RunAsync(QualityReportOptions? options = null, IProgress<QualityReportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new QualityReportOptions();
        options.Validate();
        return Task.Run(() => QualityRunner.Run(options, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Assembles a report from measured runs (summaries and checks are computed here).</summary>
    internal static QualityReport FromRuns(QualityReportOptions options, IReadOnlyDictionary<string, int> population, IReadOnlyList<QualityRun> runs) => new(options, population, runs);

    /// <summary>A Markdown document: the band table, the tier summaries, every run, the leakage maxima and how to regenerate.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown() => QualityReportWriter.Markdown(this);

    /// <summary>A JSON document with the options, checks, tier summaries and runs (NaN written as null).</summary>
    /// <returns>The JSON text (indented).</returns>
    public string ToJson() => QualityReportWriter.Json(this);

    /// <inheritdoc />
    public override string ToString() => $"Quality report of {Options.RecipeId}: {(Passed ? "passed" : "failed")} ({Checks.Count(c => c.Passed)}/{Checks.Count} checks, {Runs.Count} runs)";

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }

    private static double? MedianOf(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : Median(present);
    }

    private static double? MaxOf(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : present.Max();
    }

    private static QualityTierSummary Summarise(Difficulty tier, TierBand band, QualityRun[] runs)
    {
        var best = runs.Select(r => r.Best.RocAuc).ToArray();
        var finite = best.Where(double.IsFinite).ToArray();
        return new QualityTierSummary
        {
            Tier = tier,
            Band = band,
            Seeds = runs.Length,
            ConversionMedian = Median(runs.Select(r => r.ConversionRate)),
            ConversionMin = runs.Min(r => r.ConversionRate),
            ConversionMax = runs.Max(r => r.ConversionRate),
            LogisticRegressionAucMedian = Median(runs.Select(r => r.LogisticRegression.RocAuc)),
            FastTreeAucMedian = Median(runs.Select(r => r.FastTree.RocAuc)),
            BestAucMedian = Median(best),
            BestAucSpread = finite.Length == best.Length && finite.Length > 0 ? finite.Max() - finite.Min() : double.NaN,
            BestAucStandardErrorMedian = Median(runs.Select(r => r.BestAucStandardError)),
            TreeAdvantageMedian = Median(runs.Select(r => r.TreeAdvantage)),
            AveragePrecisionMedian = Median(runs.Select(r => r.Best.AveragePrecision)),
            BrierMedian = Median(runs.Select(r => r.Best.Brier)),
            CalibrationErrorMedian = Median(runs.Select(r => r.Best.CalibrationMaxBinError)),
            LiftAt10PercentMedian = Median(runs.Select(r => r.Best.LiftAt10Percent)),
            PrecisionAt100Median = Median(runs.Select(r => r.Best.PrecisionAt100)),
            OracleAucMedian = MedianOf(runs.Select(r => r.OracleAuc)),
            CohortShiftDegradationMedian = MedianOf(runs.Select(r => r.CohortShiftDegradation)),
            MaxTaskColumnAuc = MaxOf(runs.Select(r => r.MaxTaskColumnAuc)),
            MaxRelationalAuc = MaxOf(runs.Select(r => r.MaxRelationalAuc)),
        };
    }

    private IEnumerable<QualityCheck> BuildChecks()
    {
        foreach (var t in Tiers)
        {
            var b = t.Band;
            var name = t.Tier.ToWire();
            var runs = Runs.Where(r => r.Tier == t.Tier).ToArray();
            var convOk = runs.All(r => r.ConversionRate >= b.ConversionLow && r.ConversionRate <= b.ConversionHigh);
            yield return new QualityCheck($"conversion.{name}", t.Tier, $"{name}: conversion rate of every seed (median shown; range {F(t.ConversionMin)}–{F(t.ConversionMax)})", t.ConversionMedian, $"[{F(b.ConversionLow)}, {F(b.ConversionHigh)}]", convOk);
            yield return new QualityCheck($"best_auc.{name}", t.Tier, $"{name}: median best-baseline ROC-AUC", t.BestAucMedian, $"[{F(b.AucLow)}, {F(b.AucHigh)}]", t.BestAucMedian >= b.AucLow && t.BestAucMedian <= b.AucHigh);
            yield return new QualityCheck($"spread.{name}", t.Tier, $"{name}: max − min best-baseline ROC-AUC across {t.Seeds} seed(s)", t.BestAucSpread, $"≤ {F(Options.Bands.MaxAucSpread)}", t.BestAucSpread <= Options.Bands.MaxAucSpread);
            if (b.MinTreeAdvantage is { } min)
            {
                yield return new QualityCheck($"tree_advantage.{name}", t.Tier, $"{name}: median FastTree − logistic regression ROC-AUC", t.TreeAdvantageMedian, $"≥ {F(min)}", t.TreeAdvantageMedian >= min);
            }
        }

        if (TierOrderingHolds is { } ordered)
        {
            var tiers = Tiers.OrderBy(t => t.Tier).ToArray();
            var gap = tiers.Zip(tiers.Skip(1)).Min(p => p.First.BestAucMedian - p.Second.BestAucMedian);
            yield return new QualityCheck("tier_ordering", null, $"median best-baseline ROC-AUC strictly decreases {string.Join(" > ", tiers.Select(t => t.Tier.ToWire()))} (smallest gap shown)", gap, "> 0", ordered);
        }

        var threshold = Options.LeakageAucThreshold;
        if (MaxOf(Runs.Select(r => r.MaxTaskColumnAuc)) is { } task)
        {
            var worst = Runs.Where(r => r.MaxTaskColumnAuc == task).First();
            yield return new QualityCheck("leakage.task_columns", null, $"largest non-trap single-column ROC-AUC of a task column on train ({worst.MaxTaskColumn}, {worst.Tier.ToWire()} seed {worst.Seed})", task, $"≤ {F(threshold)}", task <= threshold);
        }

        if (MaxOf(Runs.Select(r => r.MaxRelationalAuc)) is { } relational)
        {
            var worst = Runs.Where(r => r.MaxRelationalAuc == relational).First();
            yield return new QualityCheck("leakage.relational", null, $"largest non-trap ROC-AUC of a public relational aggregate joined to the task ({worst.MaxRelationalFeature}, {worst.Tier.ToWire()} seed {worst.Seed})", relational, $"≤ {F(threshold)}", relational <= threshold);
        }
    }

    internal static string F(double value) => double.IsFinite(value) ? value.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
