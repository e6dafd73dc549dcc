namespace LeadForge.Validation.Checks;

/// <summary>The label's positive rate lies in the expected band (when given) and each task feature varies.</summary>
internal sealed class RealismCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        foreach (var task in context.View.Tasks)
        {
            var labels = task.Splits.Select(s => ColumnData.Labels(s.Table, task.Manifest.LabelColumn)).ToArray();
            if (labels.All(l => l is not null))
            {
                var all = labels.SelectMany(l => l!).ToArray();
                var rate = all.Length == 0 ? double.NaN : all.Count(l => l) / (double)all.Length;
                if (context.Options.ExpectedConversionBand is { } band)
                {
                    var ok = rate >= band.Low && rate <= band.High;
                    yield return Result.Of(ok, $"realism.positive_rate.{task.Id}", CheckCategory.Realism, CheckSeverity.Error, ok
                        ? $"Task {task.Id}: label {task.Manifest.LabelColumn} positive rate {ValidationContext.F(rate)} over {all.Length:N0} rows is inside the band."
                        : $"Task {task.Id}: label {task.Manifest.LabelColumn} positive rate {ValidationContext.F(rate)} over {all.Length:N0} rows is outside the expected band.", rate, $"[{ValidationContext.F(band.Low)}, {ValidationContext.F(band.High)}]");
                }
                else
                {
                    var degenerate = rate is 0 or 1 || double.IsNaN(rate);
                    yield return Result.Of(!degenerate, $"realism.positive_rate.{task.Id}", CheckCategory.Realism, CheckSeverity.Error, degenerate
                        ? $"Task {task.Id}: label {task.Manifest.LabelColumn} is degenerate (positive rate {ValidationContext.F(rate)})."
                        : $"Task {task.Id}: label {task.Manifest.LabelColumn} positive rate {ValidationContext.F(rate)} over {all.Length:N0} rows.", rate, "(0, 1)");
                }
            }

            // Column by column over the splits, not concatenated: splits whose schemas differ (a nullable
            // column in one, a missing column in another) are the schema check's finding, not a crash here.
            var constant = new List<string>();
            foreach (var column in task.Train.Schema.Columns.Where(c => c.Name != task.Manifest.LabelColumn))
            {
                var distinct = task.Splits.Where(s => s.Table.HasColumn(column.Name)).SelectMany(s => ColumnData.Keys(s.Table[column.Name]))
                    .Where(k => k is not null).Distinct(StringComparer.Ordinal).Take(2).Count();
                if (distinct < 2)
                {
                    constant.Add(column.Name);
                }
            }

            yield return Result.Of(constant.Count == 0, $"realism.feature_variety.{task.Id}", CheckCategory.Realism, CheckSeverity.Error, constant.Count == 0
                ? $"Task {task.Id}: every column has at least 2 distinct non-null values."
                : $"Task {task.Id}: column(s) with fewer than 2 distinct non-null values: {string.Join(", ", constant)}.", constant.Count, "0 constant columns");
        }
    }
}

/// <summary>Baseline models on each task: metrics reported, best ROC-AUC checked against the expected band when given.</summary>
internal sealed class DifficultyCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        if (!context.Options.RunBaselines)
        {
            yield break;
        }

        foreach (var task in context.View.Tasks)
        {
            if (!ValidationContext.SplitsShareSchema(task))
            {
                yield return Result.NotRun($"difficulty.baselines.{task.Id}", CheckCategory.Difficulty, task);
                continue;
            }

            var features = BaselineEvaluator.SelectFeatures(task, context.Options.IdColumns, context.Options.IdColumnPattern, context.TrapsOf(task));
            IReadOnlyList<BaselineResult>? results = null;
            string? error = null;
            try
            {
                results = new BaselineEvaluator(context.Options.Seed).Evaluate(task.Train, task.Test, task.Manifest.LabelColumn, features);
            }
            catch (ArgumentException e)
            {
                error = e.Message;
            }

            if (results is null)
            {
                yield return Result.Fail($"difficulty.baselines.{task.Id}", CheckCategory.Difficulty, CheckSeverity.Warning, $"Task {task.Id}: baselines could not be trained: {error}");
                continue;
            }

            foreach (var r in results)
            {
                yield return Result.Pass($"difficulty.baseline.{task.Id}.{r.Model}", CheckCategory.Difficulty, CheckSeverity.Info,
                    $"Task {task.Id} {r.Model} on {r.FeatureColumns.Count} features ({r.TrainRows:N0} train → {r.TestRows:N0} test rows): ROC-AUC {ValidationContext.F(r.RocAuc)}, AP {ValidationContext.F(r.AveragePrecision)}, Brier {ValidationContext.F(r.Brier)}, calibration max-bin error {ValidationContext.F(r.CalibrationMaxBinError)}, lift@10% {ValidationContext.F(r.LiftAt10Percent)}, precision@100 {ValidationContext.F(r.PrecisionAt100)}.", r.RocAuc);
            }

            var best = results.Where(r => !double.IsNaN(r.RocAuc)).OrderByDescending(r => r.RocAuc).FirstOrDefault();
            if (context.Options.ExpectedAucBand is { } band)
            {
                var auc = best?.RocAuc ?? double.NaN;
                var ok = auc >= band.Low && auc <= band.High;
                yield return Result.Of(ok, $"difficulty.best_auc.{task.Id}", CheckCategory.Difficulty, CheckSeverity.Error, ok
                    ? $"Task {task.Id}: best baseline ({best!.Model}) ROC-AUC {ValidationContext.F(auc)} is inside the band."
                    : $"Task {task.Id}: best baseline{(best is null ? string.Empty : $" ({best.Model})")} ROC-AUC {ValidationContext.F(auc)} is outside the expected band.", auc, $"[{ValidationContext.F(band.Low)}, {ValidationContext.F(band.High)}]");
            }
            else if (best is not null)
            {
                yield return Result.Of(best.RocAuc > 0.5, $"difficulty.best_auc.{task.Id}", CheckCategory.Difficulty, CheckSeverity.Warning, best.RocAuc > 0.5
                    ? $"Task {task.Id}: best baseline ({best.Model}) ROC-AUC {ValidationContext.F(best.RocAuc)}."
                    : $"Task {task.Id}: no baseline beats chance (best ROC-AUC {ValidationContext.F(best.RocAuc)}).", best.RocAuc, "> 0.5");
            }
        }
    }
}

/// <summary>PSI and KS of every numeric task feature between train and test (flags are warnings).</summary>
internal sealed class DriftCheck : IBundleCheck
{
    public IEnumerable<CheckResult> Run(ValidationContext context)
    {
        var o = context.Options;
        foreach (var task in context.View.Tasks)
        {
            if (!ValidationContext.SplitsShareSchema(task))
            {
                yield return Result.NotRun($"drift.{task.Id}", CheckCategory.Drift, task);
                continue;
            }

            foreach (var column in task.Train.Columns)
            {
                if (column.Name == task.Manifest.LabelColumn || context.IsIdColumn(task, column.Name) || !ColumnData.IsNumeric(column.Type))
                {
                    continue;
                }

                var train = ColumnData.Numeric(column);
                var test = ColumnData.Numeric(task.Test[column.Name]);
                var psi = DriftStatistics.Psi(train, test);
                var ks = DriftStatistics.Ks(train, test);
                if (double.IsNaN(psi) || double.IsNaN(ks))
                {
                    continue;
                }

                yield return Result.Of(psi <= o.PsiFlag, $"drift.psi.{task.Id}.{column.Name}", CheckCategory.Drift, CheckSeverity.Warning,
                    $"Task {task.Id} feature {column.Name}: PSI train→test {ValidationContext.F(psi)}{(psi <= o.PsiFlag ? "." : " — shifted.")}", psi, $"≤ {ValidationContext.F(o.PsiFlag)}");
                yield return Result.Of(ks <= o.KsFlag, $"drift.ks.{task.Id}.{column.Name}", CheckCategory.Drift, CheckSeverity.Warning,
                    $"Task {task.Id} feature {column.Name}: KS train→test {ValidationContext.F(ks)}{(ks <= o.KsFlag ? "." : " — shifted.")}", ks, $"≤ {ValidationContext.F(o.KsFlag)}");
            }
        }
    }
}
