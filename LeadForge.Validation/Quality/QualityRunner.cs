using LeadForge.Tables;
using LeadForge.Validation.Checks;
using LeadForge.Validation.Views;

namespace LeadForge.Validation;

/// <summary>Generates and measures every tier × seed of a <see cref="QualityReport"/>.</summary>
internal static class QualityRunner
{
    public static QualityReport Run(QualityReportOptions options, IProgress<QualityReportProgress>? progress, CancellationToken cancellationToken)
    {
        var population = Population(options);
        var runs = new List<QualityRun>();
        var total = options.Tiers.Count * options.Seeds.Count;
        foreach (var tier in options.Tiers)
        {
            foreach (var seed in options.Seeds)
            {
                void Report(string step) => progress?.Report(new QualityReportProgress(runs.Count, total, tier, seed, step));
                cancellationToken.ThrowIfCancellationRequested();
                runs.Add(RunOne(options, tier, seed, population, Report, cancellationToken));
            }
        }

        var last = runs[^1];
        progress?.Report(new QualityReportProgress(total, total, last.Tier, last.Seed, "done"));
        return QualityReport.FromRuns(options, population, runs);
    }

    /// <summary>
    /// The population of every bundle: the options' counts, the others following the scheme's driver
    /// entity (in the override file's or the recipe's proportions). Resolved once, so every tier and
    /// seed generates the same population.
    /// </summary>
    internal static IReadOnlyDictionary<string, int> Population(QualityReportOptions options) =>
        Builder(options).WithPopulation(options.Population).ResolveConfig().Population;

    private static GeneratorBuilder Builder(QualityReportOptions options)
    {
        var builder = Generator.FromRecipe(options.RecipeId);
        if (options.OverridesPath is { } path)
        {
            builder = builder.WithOverrides(path);
        }

        if (options.DegreeOfParallelism is { } dop)
        {
            builder = builder.WithDegreeOfParallelism(dop);
        }

        return builder;
    }

    private static WorldBundle Generate(
        QualityReportOptions options, Difficulty tier, long seed, ExposureMode mode, IReadOnlyDictionary<string, int> population, CancellationToken cancellationToken) =>
        Builder(options).WithSeed(seed).WithDifficulty(tier).WithExposure(mode).WithPopulation(population).Generate(null, cancellationToken);

    private static QualityRun RunOne(QualityReportOptions options, Difficulty tier, long seed, IReadOnlyDictionary<string, int> population, Action<string> report, CancellationToken cancellationToken)
    {
        report("generating the student_public bundle");
        var bundle = Generate(options, tier, seed, ExposureMode.StudentPublic, population, cancellationToken);
        // The scheme's first declared task is its primary task (IGenerationScheme.Tasks).
        var task = bundle.Tasks.FirstOrDefault()
            ?? throw new GenerationException($"Recipe '{options.RecipeId}' produced no task to measure.");
        var label = task.Manifest.LabelColumn;
        var splitLabels = task.Splits.Select(s => ColumnData.Labels(s.Table, label) ?? throw new GenerationException($"Task {task.Id}: label '{label}' is not a non-null boolean column.")).ToArray();
        var conversion = splitLabels.Sum(l => l.Count(x => x)) / (double)Math.Max(1, splitLabels.Sum(l => l.Length));
        var testConversion = splitLabels[2].Count(x => x) / (double)Math.Max(1, splitLabels[2].Length);

        cancellationToken.ThrowIfCancellationRequested();
        report("training the baselines");
        var features = BaselineEvaluator.SelectFeatures(task);
        var evaluator = new BaselineEvaluator(options.ModelSeed);
        var baselines = evaluator.Evaluate(task.Train, task.Test, label, features);

        double? temporal = null;
        if (options.IncludeCohortShift && TemporalSplit(task) is { } cohort)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report("training the baselines on a temporal split");
            temporal = evaluator.Evaluate(cohort.Train, cohort.Test, label, features).Max(r => r.RocAuc);
        }

        (double Auc, string Name)? taskLeak = null, relationalLeak = null;
        double? trapAuc = null;
        if (options.IncludeLeakageProbes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report("probing for leakage");
            var context = new ValidationContext(BundleView.FromBundle(bundle), new ValidationOptions { LeakageAucThreshold = options.LeakageAucThreshold, RunBaselines = false });
            (taskLeak, trapAuc) = TaskColumnProbe(context, task);
            relationalLeak = RelationalLeakageCheck.Score(context)
                .Where(s => s.Task.Id == task.Id)
                .SelectMany(s => s.Features.Where(f => !f.Trap))
                .Select(f => ((double Auc, string Name)?)(f.Auc, f.Name))
                .OrderByDescending(f => f!.Value.Auc).ThenBy(f => f!.Value.Name, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        double? oracle = null;
        string? family = null;
        if (options.IncludeOracle)
        {
            cancellationToken.ThrowIfCancellationRequested();
            report("generating the research_instructor bundle");
            var instructor = Generate(options, tier, seed, ExposureMode.ResearchInstructor, population, cancellationToken);
            oracle = instructor.Truth?.OracleAuc;
            family = instructor.Truth?.Graph.Family;
        }

        return new QualityRun
        {
            Tier = tier,
            Seed = seed,
            MotifFamily = family,
            TaskId = task.Id,
            ConversionRate = conversion,
            TestConversionRate = testConversion,
            LogisticRegression = baselines.Single(r => r.Model == BaselineEvaluator.LogisticRegression),
            FastTree = baselines.Single(r => r.Model == BaselineEvaluator.FastTree),
            OracleAuc = oracle,
            TemporalBestAuc = temporal,
            MaxTaskColumnAuc = taskLeak?.Auc,
            MaxTaskColumn = taskLeak?.Name,
            MaxRelationalAuc = relationalLeak?.Auc,
            MaxRelationalFeature = relationalLeak?.Name,
            MaxTrapAuc = trapAuc,
        };
    }

    /// <summary>
    /// The task's rows of every split ordered by the manifest's time column (else its anchor column)
    /// and then row id: the earliest train-fraction rows train, the latest test-fraction rows test.
    /// Null when the task has no timestamp column to order by or a split lacks a class.
    /// </summary>
    internal static (Table Train, Table Test)? TemporalSplit(TaskDataset task)
    {
        var m = task.Manifest;
        var timeColumn = m.TimeColumn is { } t && task.Train.HasColumn(t) ? t : m.AnchorColumn;
        if (!task.Train.HasColumn(timeColumn) || !ColumnData.IsTemporal(task.Train[timeColumn].Type))
        {
            return null;
        }

        var pooled = Table.Concat(task.Train.Schema, [task.Train, task.Valid, task.Test]);
        var time = ColumnData.Numeric(pooled[timeColumn]);
        var ids = ColumnData.Keys(pooled[m.RowIdColumn]);
        var order = Enumerable.Range(0, pooled.RowCount).OrderBy(r => time[r]).ThenBy(r => ids[r], StringComparer.Ordinal).ToArray();
        var total = m.Fractions.Train + m.Fractions.Valid + m.Fractions.Test;
        var trainRows = (int)Math.Round(order.Length * m.Fractions.Train / total);
        var testRows = (int)Math.Round(order.Length * m.Fractions.Test / total);
        if (trainRows == 0 || testRows == 0)
        {
            return null;
        }

        var train = pooled.Take(order.AsSpan(0, trainRows));
        var test = pooled.Take(order.AsSpan(order.Length - testRows));
        var trainLabels = ColumnData.Labels(train, m.LabelColumn);
        var testLabels = ColumnData.Labels(test, m.LabelColumn);
        return trainLabels is null || testLabels is null || trainLabels.All(x => x) || !trainLabels.Any(x => x) || testLabels.All(x => x) || !testLabels.Any(x => x)
            ? null
            : (train, test);
    }

    /// <summary>The largest single-column AUC on train of a non-id, non-trap task column, and the largest of a trap column.</summary>
    private static ((double Auc, string Name)? Column, double? Trap) TaskColumnProbe(ValidationContext context, TaskDataset task)
    {
        if (ColumnData.Labels(task.Train, task.Manifest.LabelColumn) is not { } labels)
        {
            return (null, null);
        }

        (double Auc, string Name)? best = null;
        double? trap = null;
        foreach (var column in task.Train.Columns)
        {
            if (column.Name == task.Manifest.LabelColumn || context.IsIdColumn(task, column.Name))
            {
                continue;
            }

            var auc = Probe.ColumnAuc(column, labels);
            if (context.IsTrap(task, column.Name))
            {
                trap = Math.Max(trap ?? 0, auc);
            }
            else if (best is null || auc > best.Value.Auc)
            {
                best = (auc, column.Name);
            }
        }

        return (best, trap);
    }
}
