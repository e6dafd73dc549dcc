using System.Text.RegularExpressions;
using LeadForge.Tables;
using LeadForge.Validation.Baselines;
using LeadForge.Validation.Checks;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace LeadForge.Validation;

/// <summary>
/// Trains baseline models (ML.NET L-BFGS logistic regression and FastTree gradient-boosted trees) on
/// a task's train split and scores its test split. Preprocessing is fitted on train only: numerics and
/// booleans mean-imputed and standardised with missing indicators, strings one-hot over frequent values.
/// </summary>
/// <threadsafety>Instances are immutable; each call builds its own ML.NET context.</threadsafety>
public sealed class BaselineEvaluator
{
    /// <summary>The name of the logistic-regression baseline.</summary>
    public const string LogisticRegression = "logistic_regression";

    /// <summary>The name of the gradient-boosted-trees baseline.</summary>
    public const string FastTree = "fast_tree";

    private static readonly Regex DefaultIdPattern = new("_id$", RegexOptions.CultureInvariant);
    private readonly int _seed;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="seed">The ML.NET seed, decoupled from the data seed. <value>Default 0.</value></param>
    public BaselineEvaluator(int seed = 0) => _seed = seed;

    /// <summary>
    /// The feature columns of a task: every column except the label, the row id, the group column,
    /// columns matching <paramref name="idPattern"/>, timestamp and date columns, the task's documented
    /// traps and <paramref name="excludedColumns"/>.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="excludedColumns">Further columns to drop; <see langword="null"/> for none.</param>
    /// <param name="idPattern">Names of id columns. <value>Default: names ending in <c>_id</c>.</value></param>
    /// <param name="documentedTraps">Trap columns to drop. <value>Default: the task manifest's documented traps.</value></param>
    /// <returns>The feature column names, in table order.</returns>
    public static IReadOnlyList<string> SelectFeatures(TaskDataset task, IEnumerable<string>? excludedColumns = null, Regex? idPattern = null, IEnumerable<string>? documentedTraps = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var m = task.Manifest;
        var excluded = new HashSet<string>(excludedColumns ?? [], StringComparer.Ordinal);
        excluded.UnionWith(documentedTraps ?? m.DocumentedTraps);
        excluded.Add(m.LabelColumn);
        excluded.Add(m.RowIdColumn);
        if (m.GroupColumn is not null)
        {
            excluded.Add(m.GroupColumn);
        }

        var ids = idPattern ?? DefaultIdPattern;
        return task.Train.Schema.Columns
            .Where(c => !excluded.Contains(c.Name) && !ids.IsMatch(c.Name) && !ColumnData.IsTemporal(c.Type))
            .Select(c => c.Name)
            .ToArray();
    }

    /// <summary>Trains both baselines on the task's train split and scores its test split.</summary>
    /// <param name="task">The task; its label must be a non-null boolean column.</param>
    /// <param name="excludedColumns">Further columns to drop from the features; <see langword="null"/> for none.</param>
    /// <returns>One result per model: logistic regression, then FastTree.</returns>
    /// <exception cref="ArgumentException">The label is not a non-null boolean, a split lacks a class, or no feature remains.</exception>
    public IReadOnlyList<BaselineResult> Evaluate(TaskDataset task, IEnumerable<string>? excludedColumns = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Evaluate(task.Train, task.Test, task.Manifest.LabelColumn, SelectFeatures(task, excludedColumns));
    }

    /// <summary>Trains both baselines on <paramref name="train"/> and scores <paramref name="test"/>.</summary>
    /// <param name="train">The training table.</param>
    /// <param name="test">The scored table (same columns).</param>
    /// <param name="labelColumn">The boolean label column.</param>
    /// <param name="featureColumns">The feature columns.</param>
    /// <returns>One result per model: logistic regression, then FastTree.</returns>
    /// <exception cref="ArgumentException">The label is not a non-null boolean, a split lacks a class, or no feature is given.</exception>
    public IReadOnlyList<BaselineResult> Evaluate(Table train, Table test, string labelColumn, IReadOnlyList<string> featureColumns)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(featureColumns);
        var trainLabels = ColumnData.Labels(train, labelColumn) ?? throw new ArgumentException($"Label '{labelColumn}' of {train.Name} is not a non-null boolean column.", nameof(labelColumn));
        var testLabels = ColumnData.Labels(test, labelColumn) ?? throw new ArgumentException($"Label '{labelColumn}' of {test.Name} is not a non-null boolean column.", nameof(labelColumn));
        if (featureColumns.Count == 0)
        {
            throw new ArgumentException("No feature columns to train on.", nameof(featureColumns));
        }

        if (trainLabels.All(l => l) || !trainLabels.Any(l => l))
        {
            throw new ArgumentException($"The training labels of '{labelColumn}' hold a single class.", nameof(train));
        }

        var encoder = FeatureEncoder.Fit(train, featureColumns);
        var ml = new MLContext(_seed);
        var definition = SchemaDefinition.Create(typeof(MlRow));
        definition[nameof(MlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, encoder.Dimension);
        var trainView = ml.Data.LoadFromEnumerable(Rows(encoder.Transform(train), trainLabels), definition);
        var testView = ml.Data.LoadFromEnumerable(Rows(encoder.Transform(test), testLabels), definition);

        var lr = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(MlRow.Label),
            FeatureColumnName = nameof(MlRow.Features),
            L2Regularization = 1f,
            MaximumNumberOfIterations = 1000,
            NumberOfThreads = 1,
        });
        var tree = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(MlRow.Label),
            FeatureColumnName = nameof(MlRow.Features),
            NumberOfLeaves = 16,
            NumberOfTrees = 200,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            NumberOfThreads = 1,
            Seed = _seed,
        });

        return
        [
            Score(LogisticRegression, lr.Fit(trainView), testView, testLabels, train.RowCount, featureColumns),
            Score(FastTree, tree.Fit(trainView), testView, testLabels, train.RowCount, featureColumns),
        ];
    }

    private static BaselineResult Score(string name, ITransformer model, IDataView test, bool[] labels, int trainRows, IReadOnlyList<string> features)
    {
        var scored = model.Transform(test);
        var probabilities = scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray();
        return new BaselineResult(
            name,
            Metrics.RocAuc(probabilities, labels),
            Metrics.AveragePrecision(probabilities, labels),
            Metrics.Brier(probabilities, labels),
            Metrics.CalibrationMaxBinError(probabilities, labels, 10, 20),
            Metrics.Lift(probabilities, labels, 0.10),
            Metrics.PrecisionAtK(probabilities, labels, 100),
            trainRows,
            labels.Length,
            features.ToArray());
    }

    private static IEnumerable<MlRow> Rows(float[][] features, bool[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            yield return new MlRow { Label = labels[i], Features = features[i] };
        }
    }
}

/// <summary>One ML.NET input row: a dense feature vector and a label.</summary>
internal sealed class MlRow
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];
}
