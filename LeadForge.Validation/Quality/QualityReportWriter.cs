using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LeadForge.Validation;

/// <summary>Markdown and JSON renderings of a <see cref="QualityReport"/>.</summary>
internal static class QualityReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The expected range of 2 … 10 independent standard normal draws.</summary>
    private static readonly double[] RangeFactors = [1.128, 1.693, 2.059, 2.326, 2.534, 2.704, 2.847, 2.970, 3.078];

    public static string Markdown(QualityReport report)
    {
        var o = report.Options;
        var sb = new StringBuilder();
        var failed = report.Checks.Count(c => !c.Passed);
        sb.Append(Inv, $"# Quality report — `{o.RecipeId}`\n\n");
        sb.Append(Inv, $"**Result: {(failed == 0 ? "every band is met" : $"{failed} of {report.Checks.Count} checks failed")}.**\n\n");
        var taskId = report.Runs.Count == 0 ? "?" : report.Runs[0].TaskId;
        sb.Append(Inv, $"LeadForge {report.PackageVersion}, recipe `{o.RecipeId}`{(o.OverridesPath is null ? string.Empty : $" with overrides `{o.OverridesPath}`")}; tiers {string.Join(", ", o.Tiers.Select(t => t.ToWire()))}; seeds {string.Join(", ", o.Seeds)}; ");
        sb.Append(Inv, $"{Counts(report.Population)} per bundle. ");
        sb.Append(Inv, $"Measured on the student_public task `{taskId}`: features are every task column except the label, ids, timestamps and the documented traps; ML.NET logistic regression (L-BFGS) and FastTree are trained on the train split and scored on the test split (model seed {o.ModelSeed}).\n\n");

        sb.Append("## Bands\n\n| check | measured | band | result |\n|---|---|---|---|\n");
        foreach (var c in report.Checks)
        {
            sb.Append(Inv, $"| {Escape(c.Description)} | {F(c.Measured)} | {Escape(c.Band)} | {(c.Passed ? "pass" : "**FAIL**")} |\n");
        }

        sb.Append("\n## Tiers (medians over seeds)\n\n");
        sb.Append("| tier | seeds | conversion | LR AUC | FastTree AUC | best AUC | best AUC spread | AUC s.e. | FastTree − LR | AP | Brier | calibration err. | lift@10% | P@100 | oracle AUC | cohort-shift degradation | max task-column AUC | max relational AUC |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var t in report.Tiers)
        {
            sb.Append(Inv, $"| {t.Tier.ToWire()} | {t.Seeds} | {F(t.ConversionMedian)} | {F(t.LogisticRegressionAucMedian)} | {F(t.FastTreeAucMedian)} | {F(t.BestAucMedian)} | {F(t.BestAucSpread)} | {F(t.BestAucStandardErrorMedian)} | {S(t.TreeAdvantageMedian)} | {F(t.AveragePrecisionMedian)} | {F(t.BrierMedian)} | {F(t.CalibrationErrorMedian)} | {F(t.LiftAt10PercentMedian)} | {F(t.PrecisionAt100Median)} | {F(t.OracleAucMedian)} | {S(t.CohortShiftDegradationMedian)} | {F(t.MaxTaskColumnAuc)} | {F(t.MaxRelationalAuc)} |\n");
        }

        if (report.TierOrderingHolds is { } ordered)
        {
            var tiers = report.Tiers.OrderBy(t => t.Tier).ToArray();
            sb.Append(Inv, $"\nTier ordering of the median best AUC: {string.Join(" > ", tiers.Select(t => $"{t.Tier.ToWire()} ({F(t.BestAucMedian)})"))} — {(ordered ? "holds" : "**does not hold**")}.\n");
        }

        sb.Append("\n## Runs\n\n");
        sb.Append("| tier | seed | motif family | conversion | test conversion | LR AUC | FastTree AUC | FastTree − LR | best AUC | AP | Brier | calibration err. | lift@10% | P@100 | oracle AUC | temporal-split AUC | cohort-shift degradation |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in report.Runs)
        {
            var b = r.Best;
            sb.Append(Inv, $"| {r.Tier.ToWire()} | {r.Seed} | {r.MotifFamily ?? "n/a"} | {F(r.ConversionRate)} | {F(r.TestConversionRate)} | {F(r.LogisticRegression.RocAuc)} | {F(r.FastTree.RocAuc)} | {S(r.TreeAdvantage)} | {F(b.RocAuc)} | {F(b.AveragePrecision)} | {F(b.Brier)} | {F(b.CalibrationMaxBinError)} | {F(b.LiftAt10Percent)} | {F(b.PrecisionAt100)} | {F(r.OracleAuc)} | {F(r.TemporalBestAuc)} | {S(r.CohortShiftDegradation)} |\n");
        }

        if (report.Runs.Any(r => r.MaxTaskColumnAuc.HasValue || r.MaxRelationalAuc.HasValue))
        {
            sb.Append(Inv, $"\n## Leakage probes (threshold {F(o.LeakageAucThreshold)})\n\n");
            sb.Append("| tier | seed | strongest non-trap task column | AUC | strongest non-trap relational aggregate | AUC | documented trap AUC |\n|---|---|---|---|---|---|---|\n");
            foreach (var r in report.Runs)
            {
                sb.Append(Inv, $"| {r.Tier.ToWire()} | {r.Seed} | {Escape(r.MaxTaskColumn ?? "n/a")} | {F(r.MaxTaskColumnAuc)} | {Escape(r.MaxRelationalFeature ?? "n/a")} | {F(r.MaxRelationalAuc)} | {F(r.MaxTrapAuc)} |\n");
            }
        }

        sb.Append("\n## Definitions\n\n");
        sb.Append("- **conversion**: the label's positive rate over all splits (test conversion: the test split only).\n");
        sb.Append("- **best AUC**: the better of the two baselines' test ROC-AUC; AP, Brier, calibration error (largest |predicted − observed| over 10 equal-width bins with ≥ 20 rows), lift at 10% and precision@100 are that model's. Medians of FastTree − LR are medians of per-seed differences.\n");
        var seeds = o.Seeds.Count;
        sb.Append("- **spread**: max − min of the best AUC across seeds. **AUC s.e.** is the Hanley–McNeil standard error of one seed's test AUC (sampling noise of a test split of that size and positive rate)");
        sb.Append(seeds >= 2 && seeds <= RangeFactors.Length + 1
            ? string.Create(Inv, $"; {seeds} independent draws span about {RangeFactors[seeds - 2]:0.00} s.e. on average, so that much of any spread is sampling noise rather than a difference between worlds.\n")
            : ".\n");
        sb.Append("- **oracle AUC**: ROC-AUC of the world's true conversion probability (known at lead creation, from the research_instructor bundle's hidden truth) over all leads. Snapshot models also see 30 days of realised funnel progress, so they can come close to it or pass it.\n");
        sb.Append("- **cohort shift**: the baselines retrained on the earliest leads (train fraction of all rows, by snapshot time) and tested on the latest (test fraction); degradation = grouped-split best AUC − temporal-split best AUC.\n");
        sb.Append("- **leakage probes**: the validator's folded single-column ROC-AUC of every non-id task column on train, and of every public relational table's per-lead aggregates joined to the task; documented traps are reported separately.\n");

        sb.Append("\n## How to regenerate\n\n");
        sb.Append(Inv, $"From the command line (writes `<out>.md` and `<out>.json`; exit 0 when every band holds):\n\n```bash\ndotnet run --project LeadForge.Cli -c Release -- quality-report --recipe {o.RecipeId} {string.Join(" ", o.Population.Select(p => $"--count {p.Key}={p.Value}"))} --seeds {string.Join(" ", o.Seeds)}{CommandLineExtras(o)} --out docs/quality-report\n```\n\nOr from C#:\n\n");
        sb.Append("```csharp\nusing LeadForge.Validation;\n\nvar report = await QualityReport.RunAsync(new QualityReportOptions\n{\n");
        sb.Append(Inv, $"    RecipeId = \"{o.RecipeId}\",\n");
        sb.Append(Inv, $"    Tiers = [{string.Join(", ", o.Tiers.Select(t => "Difficulty." + t))}],\n");
        sb.Append(Inv, $"    Seeds = [{string.Join(", ", o.Seeds)}],\n");
        sb.Append(Inv, $"    Population = new Dictionary<string, int> {{ {string.Join(", ", o.Population.Select(p => $"[\"{p.Key}\"] = {p.Value}"))} }},\n");
        if (o.OverridesPath is not null)
        {
            sb.Append(Inv, $"    OverridesPath = \"{o.OverridesPath}\",\n");
        }

        sb.Append("});\nFile.WriteAllText(\"docs/quality-report.md\", report.ToMarkdown());\n```\n\n");
        sb.Append("From the command line, `leadforge quality-report` runs the same API (its defaults are the options above). Every figure is deterministic for a given LeadForge version: generation and model training are seeded.\n");
        return sb.ToString();
    }

    public static string Json(QualityReport report)
    {
        var o = report.Options;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("recipe_id", o.RecipeId);
            w.WriteString("package_version", report.PackageVersion);
            w.WriteBoolean("passed", report.Passed);
            w.WriteStartObject("options");
            w.WriteStartArray("tiers");
            foreach (var t in o.Tiers)
            {
                w.WriteStringValue(t.ToWire());
            }

            w.WriteEndArray();
            w.WriteStartArray("seeds");
            foreach (var s in o.Seeds)
            {
                w.WriteNumberValue(s);
            }

            w.WriteEndArray();
            w.WriteStartObject("population");
            foreach (var (entity, count) in report.Population)
            {
                w.WriteNumber(entity, count);
            }

            w.WriteEndObject();
            if (o.OverridesPath is null)
            {
                w.WriteNull("overrides_path");
            }
            else
            {
                w.WriteString("overrides_path", o.OverridesPath);
            }

            w.WriteNumber("model_seed", o.ModelSeed);
            w.WriteNumber("leakage_auc_threshold", o.LeakageAucThreshold);
            w.WriteNumber("max_auc_spread", o.Bands.MaxAucSpread);
            w.WriteEndObject();

            if (report.TierOrderingHolds is { } ordered)
            {
                w.WriteBoolean("tier_ordering_holds", ordered);
            }
            else
            {
                w.WriteNull("tier_ordering_holds");
            }

            w.WriteStartArray("checks");
            foreach (var c in report.Checks)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("tier", c.Tier?.ToWire());
                w.WriteString("description", c.Description);
                Number(w, "measured", c.Measured);
                w.WriteString("band", c.Band);
                w.WriteBoolean("passed", c.Passed);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tiers");
            foreach (var t in report.Tiers)
            {
                w.WriteStartObject();
                w.WriteString("tier", t.Tier.ToWire());
                w.WriteStartObject("band");
                Number(w, "conversion_low", t.Band.ConversionLow);
                Number(w, "conversion_high", t.Band.ConversionHigh);
                Number(w, "auc_low", t.Band.AucLow);
                Number(w, "auc_high", t.Band.AucHigh);
                Number(w, "min_tree_advantage", t.Band.MinTreeAdvantage);
                w.WriteEndObject();
                w.WriteNumber("seeds", t.Seeds);
                Number(w, "conversion_median", t.ConversionMedian);
                Number(w, "conversion_min", t.ConversionMin);
                Number(w, "conversion_max", t.ConversionMax);
                Number(w, "lr_auc_median", t.LogisticRegressionAucMedian);
                Number(w, "fast_tree_auc_median", t.FastTreeAucMedian);
                Number(w, "best_auc_median", t.BestAucMedian);
                Number(w, "best_auc_spread", t.BestAucSpread);
                Number(w, "best_auc_standard_error_median", t.BestAucStandardErrorMedian);
                Number(w, "tree_advantage_median", t.TreeAdvantageMedian);
                Number(w, "average_precision_median", t.AveragePrecisionMedian);
                Number(w, "brier_median", t.BrierMedian);
                Number(w, "calibration_error_median", t.CalibrationErrorMedian);
                Number(w, "lift_at_10_percent_median", t.LiftAt10PercentMedian);
                Number(w, "precision_at_100_median", t.PrecisionAt100Median);
                Number(w, "oracle_auc_median", t.OracleAucMedian);
                Number(w, "cohort_shift_degradation_median", t.CohortShiftDegradationMedian);
                Number(w, "max_task_column_auc", t.MaxTaskColumnAuc);
                Number(w, "max_relational_auc", t.MaxRelationalAuc);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("runs");
            foreach (var r in report.Runs)
            {
                w.WriteStartObject();
                w.WriteString("tier", r.Tier.ToWire());
                w.WriteNumber("seed", r.Seed);
                w.WriteString("motif_family", r.MotifFamily);
                w.WriteString("task_id", r.TaskId);
                Number(w, "conversion_rate", r.ConversionRate);
                Number(w, "test_conversion_rate", r.TestConversionRate);
                foreach (var b in new[] { r.LogisticRegression, r.FastTree })
                {
                    w.WriteStartObject(b.Model);
                    Number(w, "roc_auc", b.RocAuc);
                    Number(w, "average_precision", b.AveragePrecision);
                    Number(w, "brier", b.Brier);
                    Number(w, "calibration_max_bin_error", b.CalibrationMaxBinError);
                    Number(w, "lift_at_10_percent", b.LiftAt10Percent);
                    Number(w, "precision_at_100", b.PrecisionAt100);
                    w.WriteNumber("train_rows", b.TrainRows);
                    w.WriteNumber("test_rows", b.TestRows);
                    w.WriteNumber("feature_count", b.FeatureColumns.Count);
                    w.WriteEndObject();
                }

                w.WriteString("best_model", r.Best.Model);
                Number(w, "best_auc", r.Best.RocAuc);
                Number(w, "best_auc_standard_error", r.BestAucStandardError);
                Number(w, "tree_advantage", r.TreeAdvantage);
                Number(w, "oracle_auc", r.OracleAuc);
                Number(w, "temporal_best_auc", r.TemporalBestAuc);
                Number(w, "cohort_shift_degradation", r.CohortShiftDegradation);
                Number(w, "max_task_column_auc", r.MaxTaskColumnAuc);
                w.WriteString("max_task_column", r.MaxTaskColumn);
                Number(w, "max_relational_auc", r.MaxRelationalAuc);
                w.WriteString("max_relational_feature", r.MaxRelationalFeature);
                Number(w, "max_trap_auc", r.MaxTrapAuc);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The CLI flags that reproduce options the defaults do not: the tiers (when not all three, in order) and the overrides file.</summary>
    private static string CommandLineExtras(QualityReportOptions o)
    {
        var extras = new StringBuilder();
        if (!o.Tiers.SequenceEqual(new QualityReportOptions().Tiers))
        {
            extras.Append(" --tiers ").Append(string.Join(" ", o.Tiers.Select(t => t.ToWire())));
        }

        if (o.OverridesPath is { } path)
        {
            extras.Append(" --override ").Append(ShellQuote(path));
        }

        return extras.ToString();
    }

    /// <summary>A path as one POSIX shell word: unchanged when plain, else single-quoted.</summary>
    internal static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or '=' or ':')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, Math.Round(v, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>"6,000 accounts, 16,800 contacts and 20,000 leads".</summary>
    private static string Counts(IReadOnlyDictionary<string, int> population)
    {
        var parts = population.Select(p => string.Create(Inv, $"{p.Value:N0} {p.Key}")).ToArray();
        return parts.Length <= 1 ? string.Concat(parts) : string.Join(", ", parts[..^1]) + " and " + parts[^1];
    }

    private static string F(double? value) => value is { } v ? QualityReport.F(v) : "n/a";

    private static string S(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("+0.000;−0.000;0.000", Inv) : "n/a";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
