using LeadForge.Tables;
using LeadForge.Validation;
using LeadForge.Validation.Checks;

namespace LeadForge.Tests.Validation.Checks;

/// <summary>The single-column, id-only and split-overlap probes on bundles broken in known ways.</summary>
public sealed class LeakageCheckTests
{
    private static readonly ValidationOptions Fast = new() { RunBaselines = false };

    private static TaskDataset Task(WorldBundle bundle) => bundle.Tasks["tiny_conversion"];

    private static Table WithEcho(Table split) => split.AddColumn(BundleEdits.Bools("label_echo", split["converted"].As<bool>().Values.ToArray()));

    [TestCase(0.0, "< 0.001")]
    [TestCase(0.000999, "< 0.001")]
    [TestCase(0.001, "0.001")]
    [TestCase(0.1234, "0.123")]
    [TestCase(1.0, "1.000")]
    public void P_values_print_with_three_decimals_or_as_a_bound(double p, string text) =>
        Assert.That(SingleColumnLeakageCheck.P(p), Is.EqualTo(text));

    [Test]
    public void A_leaking_feature_states_its_auc_threshold_and_p_value()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var check = new BundleValidator(Fast).Validate(bundle.WithTask(CheckKit.EditSplits(Task(bundle), WithEcho))).Find("leakage.single_column.tiny_conversion.label_echo")!;
        var rows = Task(bundle).Train.RowCount;
        Assert.That(check.Message,
            Is.EqualTo($"Task tiny_conversion feature label_echo leaks the label 'converted': single-column AUC 1 on train exceeds 0.8 (one-sided p = < 0.001 on {rows:N0} rows)."));
        Assert.That(check.ExpectedBand, Is.EqualTo("≤ 0.8"));
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Error));
    }

    [Test]
    public void An_auc_above_the_threshold_by_noise_only_passes_and_says_so()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var options = new ValidationOptions { RunBaselines = false, LeakageSignificance = 0 };
        var check = new BundleValidator(options).Validate(bundle.WithTask(CheckKit.EditSplits(Task(bundle), WithEcho))).Find("leakage.single_column.tiny_conversion.label_echo")!;
        Assert.That(check.Passed, Is.True);
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Error));
        Assert.That(check.Message, Does.EndWith("is above 0.8 by sampling noise only (one-sided p = < 0.001 ≥ 0)."));
    }

    [Test]
    public void A_single_class_train_split_is_not_assessed_and_a_missing_label_is_skipped()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = Task(bundle);
        var allFalse = task with { Train = task.Train.ReplaceValues<bool>("converted", (_, _) => false) };
        var results = CheckKit.Run(new SingleColumnLeakageCheck(), bundle.WithTask(allFalse));
        var check = results["leakage.single_column.tiny_conversion"];
        Assert.That(results, Has.Count.EqualTo(1), "no per-column probe runs");
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Severity, Is.EqualTo(CheckSeverity.Warning));
        Assert.That(check.Message, Does.Contain($"{task.Train.RowCount:N0} rows hold one label class (0 positive)"));

        var unlabelled = task with { Manifest = task.Manifest with { LabelColumn = "nope" } };
        var skipped = CheckKit.Run(new SingleColumnLeakageCheck(), bundle.WithTask(unlabelled))["leakage.single_column.tiny_conversion"];
        Assert.That(skipped.Passed, Is.True);
        Assert.That(skipped.Severity, Is.EqualTo(CheckSeverity.Info));
        Assert.That(skipped.Message, Does.Contain("label 'nope' is not a non-null boolean"));
    }

    [Test]
    public void Id_columns_and_the_label_are_not_probed_as_features()
    {
        var ids = CheckKit.Run(new SingleColumnLeakageCheck(), BundleEdits.Tiny(ExposureMode.ResearchInstructor)).Keys;
        Assert.That(ids, Is.EquivalentTo(new[] { "leakage.single_column.tiny_conversion.channel", "leakage.single_column.tiny_conversion.created_at", "leakage.single_column.tiny_conversion.score" }));
    }

    /// <summary>An id column whose hash separates the labels: each row's id is the first candidate whose hash falls on its label's side of 0.5.</summary>
    private static Table WithPredictiveId(Table split)
    {
        var labels = split["converted"].As<bool>().Values.ToArray();
        var ids = new string?[labels.Length];
        for (var r = 0; r < labels.Length; r++)
        {
            for (var k = 0; ids[r] is null; k++)
            {
                var candidate = $"{split["lead_id"].AsString()[r]}-{k}";
                if (ColumnData.Hash([candidate])[0] < 0.5 == labels[r])
                {
                    ids[r] = candidate;
                }
            }
        }

        return split.AddColumn(CheckKit.Strings("ref_id", ids));
    }

    [Test]
    public void An_id_whose_hash_predicts_the_label_fails_the_id_only_probe()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var results = CheckKit.Run(new IdOnlyCheck(), bundle.WithTask(CheckKit.EditSplits(Task(bundle), WithPredictiveId)));
        var check = results["leakage.id_only.tiny_conversion.ref_id"];
        var rows = Task(bundle).Splits.Sum(s => s.Table.RowCount);
        Assert.Multiple(() =>
        {
            Assert.That(check.Passed, Is.False);
            Assert.That(check.Measured, Is.EqualTo(0.0).Within(1e-12), "hash below 0.5 marks a positive: the ordering is perfectly reversed");
            Assert.That(check.Message, Is.EqualTo($"Task tiny_conversion id column ref_id predicts the label: hashed-id AUC 0 is outside {check.ExpectedBand} ({rows:N0} distinct ids)."));
            Assert.That(check.ExpectedBand, Is.EqualTo("[0.4, 0.6]"), "the configured deviation (0.10) is wider than 3.5 standard errors at 600 ids");
            Assert.That(results["leakage.id_only.tiny_conversion.lead_id"].Passed, Is.True);
            Assert.That(results["leakage.id_only.tiny_conversion.lead_id"].Message,
                Does.Match($@"^Task tiny_conversion id column lead_id: hashed-id AUC 0\.\d+ over {rows} rows \({rows} distinct ids\)\.$"));
            Assert.That(results.Keys, Is.EquivalentTo(new[] { "leakage.id_only.tiny_conversion.lead_id", "leakage.id_only.tiny_conversion.account_id", "leakage.id_only.tiny_conversion.ref_id" }));
        });
    }

    [Test]
    public void A_small_sample_widens_the_id_only_band()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor, leads: 60);
        var check = CheckKit.Run(new IdOnlyCheck(), bundle)["leakage.id_only.tiny_conversion.lead_id"];
        var labels = Task(bundle).Splits.SelectMany(s => s.Table["converted"].As<bool>().Values.ToArray()).ToArray();
        double pos = labels.Count(l => l), neg = labels.Length - pos;
        var tolerance = Math.Max(0.10, 3.5 * Math.Sqrt((pos + neg + 1) / (12 * pos * neg)));
        Assert.That(tolerance, Is.GreaterThan(0.10), "the sample is small enough for the standard error to matter");
        Assert.That(check.ExpectedBand, Is.EqualTo($"[{ValidationContext.F(Math.Max(0, 0.5 - tolerance))}, {ValidationContext.F(Math.Min(1, 0.5 + tolerance))}]"));
    }

    [Test]
    public void The_entity_key_is_checked_for_split_overlap_beside_a_separate_row_id()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = Task(bundle);
        var offset = 0;
        Table Rows(Table t)
        {
            var start = offset;
            offset += t.RowCount;
            return t.AddColumn(CheckKit.Strings("row_key", [.. Enumerable.Range(start, t.RowCount).Select(i => $"R{i}")]));
        }

        var twoKeys = CheckKit.EditSplits(task, Rows) with { Manifest = task.Manifest with { RowIdColumn = "row_key" } };
        var clean = CheckKit.Run(new SplitOverlapCheck(), bundle.WithTask(twoKeys));
        Assert.That(clean.Keys, Is.EquivalentTo(new[] { "leakage.split_overlap.tiny_conversion.row_key", "leakage.split_overlap.tiny_conversion.lead_id" }));
        Assert.That(clean["leakage.split_overlap.tiny_conversion.lead_id"].Message, Is.EqualTo("Task tiny_conversion: no entity value of lead_id appears in two splits."));
        Assert.That(clean["leakage.split_overlap.tiny_conversion.row_key"].Message, Is.EqualTo("Task tiny_conversion: no row id value of row_key appears in two splits."));

        var lead = twoKeys.Train["lead_id"].AsString()[0];
        var shared = twoKeys with { Valid = twoKeys.Valid.ReplaceStrings("lead_id", (r, v) => r < 2 ? lead : v) };
        var check = CheckKit.Run(new SplitOverlapCheck(), bundle.WithTask(shared))["leakage.split_overlap.tiny_conversion.lead_id"];
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Measured, Is.EqualTo(1), "one shared value, however many rows carry it");
        Assert.That(check.Message, Is.EqualTo($"Task tiny_conversion: 1 entity value(s) of lead_id appear in two splits; first: '{lead}' is in both train and valid."));
    }
}
