using LeadForge.Tables;
using LeadForge.Validation;
using LeadForge.Validation.Checks;

namespace LeadForge.Tests.Validation.Checks;

/// <summary>The realism, difficulty and drift checks at their band edges and on bundles broken in known ways.</summary>
public sealed class RealismDifficultyDriftCheckTests
{
    private static WorldBundle Instructor() => BundleEdits.Tiny(ExposureMode.ResearchInstructor);

    private static (double Rate, int Rows) PositiveRate(WorldBundle bundle)
    {
        var labels = bundle.Tasks["tiny_conversion"].Splits.SelectMany(s => s.Table["converted"].As<bool>().Values.ToArray()).ToArray();
        return (labels.Count(l => l) / (double)labels.Length, labels.Length);
    }

    [Test]
    public void The_positive_rate_band_includes_its_edges()
    {
        var bundle = Instructor();
        var (rate, rows) = PositiveRate(bundle);
        var edge = CheckKit.Run(new RealismCheck(), bundle, new ValidationOptions { RunBaselines = false, ExpectedConversionBand = (rate, rate) })["realism.positive_rate.tiny_conversion"];
        Assert.That(edge.Passed, Is.True, "a rate equal to both edges is inside");
        Assert.That(edge.Message, Is.EqualTo($"Task tiny_conversion: label converted positive rate {ValidationContext.F(rate)} over {rows:N0} rows is inside the band."));
        Assert.That(edge.ExpectedBand, Is.EqualTo($"[{ValidationContext.F(rate)}, {ValidationContext.F(rate)}]"));
        Assert.That(edge.Measured, Is.EqualTo(rate));

        var above = CheckKit.Run(new RealismCheck(), bundle, new ValidationOptions { RunBaselines = false, ExpectedConversionBand = (rate + 1e-9, 1) })["realism.positive_rate.tiny_conversion"];
        var below = CheckKit.Run(new RealismCheck(), bundle, new ValidationOptions { RunBaselines = false, ExpectedConversionBand = (0, rate - 1e-9) })["realism.positive_rate.tiny_conversion"];
        Assert.That(above.Passed, Is.False);
        Assert.That(below.Passed, Is.False);
        Assert.That(above.Message, Is.EqualTo($"Task tiny_conversion: label converted positive rate {ValidationContext.F(rate)} over {rows:N0} rows is outside the expected band."));

        var free = CheckKit.Run(new RealismCheck(), bundle)["realism.positive_rate.tiny_conversion"];
        Assert.That(free.Passed, Is.True);
        Assert.That(free.Message, Is.EqualTo($"Task tiny_conversion: label converted positive rate {ValidationContext.F(rate)} over {rows:N0} rows."));
        Assert.That(free.ExpectedBand, Is.EqualTo("(0, 1)"));
    }

    [Test]
    public void A_degenerate_label_fails_and_a_nullable_label_is_not_rated()
    {
        var bundle = Instructor();
        var task = bundle.Tasks["tiny_conversion"];
        var none = CheckKit.EditSplits(task, t => t.ReplaceValues<bool>("converted", (_, _) => false));
        var check = CheckKit.Run(new RealismCheck(), bundle.WithTask(none))["realism.positive_rate.tiny_conversion"];
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Is.EqualTo("Task tiny_conversion: label converted is degenerate (positive rate 0)."));

        var nullable = new ColumnSchema("converted", ColumnType.Boolean, true, "Label.");
        var test = task.Test;
        var withNull = new Table(
            new TableSchema(test.Name, test.Schema.Description, [.. test.Schema.Columns.Select(c => c.Name == "converted" ? nullable : c)], test.Schema.PrimaryKey, test.Schema.ForeignKeys),
            [.. test.Columns.Select(c => c.Name == "converted"
                ? Column.FromValues(nullable, test["converted"].As<bool>().Values.ToArray(), [.. Enumerable.Range(0, test.RowCount).Select(r => r == 0)]) : c)]);
        var results = CheckKit.Run(new RealismCheck(), bundle.WithTask(task with { Test = withNull }));
        Assert.That(results.Keys, Is.EquivalentTo(new[] { "realism.feature_variety.tiny_conversion" }), "a label with a null in one split gives no rate (and no crash: the splits' schemas differ)");
        Assert.That(CheckKit.Run(new IdOnlyCheck(), bundle.WithTask(task with { Test = withNull })), Is.Empty, "no labels, no id-only probe");
        var report = new BundleValidator(new ValidationOptions { RunBaselines = false }).Validate(bundle.WithTask(task with { Test = withNull }));
        Assert.That(report.Checks, Is.Not.Empty, "the whole validator runs through a split whose schema differs from train's");
    }

    [Test]
    public void Constant_columns_are_listed()
    {
        var bundle = Instructor();
        var task = bundle.Tasks["tiny_conversion"];
        var clean = CheckKit.Run(new RealismCheck(), bundle)["realism.feature_variety.tiny_conversion"];
        Assert.That(clean.Message, Is.EqualTo("Task tiny_conversion: every column has at least 2 distinct non-null values."));
        Assert.That(clean.ExpectedBand, Is.EqualTo("0 constant columns"));

        var flat = CheckKit.EditSplits(task, t => t.AddColumn(CheckKit.Strings("region", [.. Enumerable.Repeat("north", t.RowCount)]))
            .AddColumn(CheckKit.Doubles("blank", [.. Enumerable.Repeat<double?>(null, t.RowCount)])));
        var check = CheckKit.Run(new RealismCheck(), bundle.WithTask(flat))["realism.feature_variety.tiny_conversion"];
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(2));
        Assert.That(check.Message, Is.EqualTo("Task tiny_conversion: column(s) with fewer than 2 distinct non-null values: region, blank."));
    }

    [Test]
    public void The_best_baseline_is_the_one_with_the_highest_auc_and_the_band_includes_its_edges()
    {
        var bundle = Instructor();
        var results = CheckKit.Run(new DifficultyCheck(), bundle, new ValidationOptions());
        var baselines = results.Values.Where(r => r.Id.StartsWith("difficulty.baseline.", StringComparison.Ordinal)).ToArray();
        Assert.That(baselines, Has.Length.EqualTo(2));
        Assert.That(baselines.All(b => b.Passed && b.Severity == CheckSeverity.Info), Is.True);
        Assert.That(baselines[0].Message, Does.Match(@"^Task tiny_conversion \w+ on \d features \(\d+ train → \d+ test rows\): ROC-AUC 0\.\d+, AP 0\.\d+, Brier 0\.\d+"));
        var best = baselines.MaxBy(b => b.Measured)!;
        var model = best.Id["difficulty.baseline.tiny_conversion.".Length..];
        var check = results["difficulty.best_auc.tiny_conversion"];
        Assert.That(check.Measured, Is.EqualTo(best.Measured));
        Assert.That(check.Passed, Is.True);
        Assert.That(check.Message, Is.EqualTo($"Task tiny_conversion: best baseline ({model}) ROC-AUC {ValidationContext.F(best.Measured!.Value)}."));
        Assert.That(check.ExpectedBand, Is.EqualTo("> 0.5"));

        var auc = best.Measured!.Value;
        var edge = CheckKit.Run(new DifficultyCheck(), bundle, new ValidationOptions { ExpectedAucBand = (auc, auc) })["difficulty.best_auc.tiny_conversion"];
        Assert.That(edge.Passed, Is.True);
        Assert.That(edge.Message, Is.EqualTo($"Task tiny_conversion: best baseline ({model}) ROC-AUC {ValidationContext.F(auc)} is inside the band."));
        var outside = CheckKit.Run(new DifficultyCheck(), bundle, new ValidationOptions { ExpectedAucBand = (0.5, auc - 1e-9) })["difficulty.best_auc.tiny_conversion"];
        Assert.That(outside.Passed, Is.False);
        Assert.That(outside.Message, Is.EqualTo($"Task tiny_conversion: best baseline ({model}) ROC-AUC {ValidationContext.F(auc)} is outside the expected band."));
    }

    [Test]
    public void Baselines_that_do_worse_than_chance_are_a_warning()
    {
        // A feature that copies the label, and a test split whose label is reversed: what the models learn is wrong on test.
        var bundle = Instructor();
        var task = bundle.Tasks["tiny_conversion"];
        var hinted = CheckKit.EditSplits(task, t => t.AddColumn(CheckKit.Doubles("hint", [.. t["converted"].As<bool>().Values.ToArray().Select(v => (double?)(v ? 1 : 0))])));
        var reversed = hinted with { Test = hinted.Test.ReplaceValues<bool>("converted", (_, v) => !v) };
        var check = CheckKit.Run(new DifficultyCheck(), bundle.WithTask(reversed), new ValidationOptions())["difficulty.best_auc.tiny_conversion"];
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Warning));
        Assert.That(check.Message, Is.EqualTo($"Task tiny_conversion: no baseline beats chance (best ROC-AUC {ValidationContext.F(check.Measured!.Value)})."));
        Assert.That(check.Measured, Is.LessThan(0.5));
    }

    [Test]
    public void Baselines_that_cannot_be_trained_are_a_warning_and_skipped_when_switched_off()
    {
        var bundle = Instructor();
        var task = bundle.Tasks["tiny_conversion"];
        var bare = CheckKit.EditSplits(task, t => t.SelectColumns(c => c.Name is "lead_id" or "converted"));
        var results = CheckKit.Run(new DifficultyCheck(), bundle.WithTask(bare), new ValidationOptions());
        var check = results["difficulty.baselines.tiny_conversion"];
        Assert.That(results, Has.Count.EqualTo(1));
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Warning));
        Assert.That(check.Message, Does.StartWith("Task tiny_conversion: baselines could not be trained: "));
        Assert.That(CheckKit.Run(new DifficultyCheck(), bundle), Is.Empty, "RunBaselines = false");
    }

    [Test]
    public void A_shifted_feature_is_flagged_and_the_flags_include_their_edges()
    {
        var bundle = Instructor();
        var task = bundle.Tasks["tiny_conversion"];
        var clean = CheckKit.Run(new DriftCheck(), bundle);
        Assert.That(clean.Keys, Is.EquivalentTo(new[] { "drift.psi.tiny_conversion.score", "drift.ks.tiny_conversion.score" }), "numeric, non-id features only");
        double psi = clean["drift.psi.tiny_conversion.score"].Measured!.Value, ks = clean["drift.ks.tiny_conversion.score"].Measured!.Value;
        Assert.That(clean["drift.psi.tiny_conversion.score"].ExpectedBand, Is.EqualTo("≤ 0.2"));
        Assert.That(clean["drift.ks.tiny_conversion.score"].ExpectedBand, Is.EqualTo("≤ 0.15"));

        var atEdge = CheckKit.Run(new DriftCheck(), bundle, new ValidationOptions { RunBaselines = false, PsiFlag = psi, KsFlag = ks });
        Assert.That(atEdge.Values.All(r => r.Passed), Is.True, "a statistic equal to its flag is not flagged");
        Assert.That(atEdge["drift.psi.tiny_conversion.score"].Message, Is.EqualTo($"Task tiny_conversion feature score: PSI train→test {ValidationContext.F(psi)}."));
        Assert.That(atEdge["drift.ks.tiny_conversion.score"].Message, Is.EqualTo($"Task tiny_conversion feature score: KS train→test {ValidationContext.F(ks)}."));
        var below = CheckKit.Run(new DriftCheck(), bundle, new ValidationOptions { RunBaselines = false, PsiFlag = psi - 1e-9, KsFlag = ks - 1e-9 });
        Assert.That(below.Values.All(r => !r.Passed), Is.True);
        Assert.That(below["drift.psi.tiny_conversion.score"].Message, Is.EqualTo($"Task tiny_conversion feature score: PSI train→test {ValidationContext.F(psi)} — shifted."));
        Assert.That(below["drift.ks.tiny_conversion.score"].Message, Is.EqualTo($"Task tiny_conversion feature score: KS train→test {ValidationContext.F(ks)} — shifted."));

        var shifted = task with { Test = task.Test.ReplaceValues<double>("score", (_, v) => v + 3) };
        var drift = CheckKit.Run(new DriftCheck(), bundle.WithTask(shifted));
        Assert.That(drift.Values.All(r => !r.Passed && r.Severity == CheckSeverity.Warning), Is.True);
        Assert.That(drift["drift.ks.tiny_conversion.score"].Measured, Is.GreaterThan(0.5));
    }
}
