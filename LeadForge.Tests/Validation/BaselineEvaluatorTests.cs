using LeadForge.Tables;
using LeadForge.Tests.TestSupport;
using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

public class BaselineEvaluatorTests
{
    private static readonly TableSchema Schema = new(
        "synthetic",
        "Synthetic rows.",
        [
            new ColumnSchema("row_id", ColumnType.String, false, "Id."),
            new ColumnSchema("x1", ColumnType.Double, true, "Feature 1."),
            new ColumnSchema("x2", ColumnType.Double, false, "Feature 2."),
            new ColumnSchema("segment", ColumnType.String, false, "Noise category.", DictionaryEncoded: true),
            new ColumnSchema("label", ColumnType.Boolean, false, "Label."),
        ],
        "row_id");

    private static Table Make(int n, int seed, Func<double, double, Random, bool> label)
    {
        var rng = new Random(seed);
        var ids = new string?[n];
        var x1s = new double?[n];
        var x2s = new double[n];
        var segments = new string?[n];
        var labels = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var x1 = (rng.NextDouble() * 2) - 1;
            var x2 = (rng.NextDouble() * 2) - 1;
            ids[i] = $"R-{seed}-{i}";
            x1s[i] = rng.NextDouble() < 0.05 ? null : x1;
            x2s[i] = x2;
            segments[i] = rng.NextDouble() < 0.5 ? "a" : "b";
            labels[i] = label(x1, x2, rng);
        }

        var c = Schema.Columns;
        return new Table(Schema, [Column.FromStrings(c[0], ids), NullableColumn.Of(c[1], x1s), Column.FromValues(c[2], x2s), Column.FromStrings(c[3], segments), Column.FromValues(c[4], labels)]);
    }

    [Test]
    public void Both_models_learn_a_noisy_logistic_label()
    {
        static bool Label(double x1, double x2, Random r) => r.NextDouble() < 1 / (1 + Math.Exp(-((3 * x1) - (2.5 * x2))));
        var train = Make(4000, 1, Label);
        var test = Make(2000, 2, Label);
        var results = new BaselineEvaluator(seed: 0).Evaluate(train, test, "label", ["x1", "x2", "segment"]);
        Assert.That(results.Select(r => r.Model), Is.EqualTo(new[] { BaselineEvaluator.LogisticRegression, BaselineEvaluator.FastTree }));
        foreach (var r in results)
        {
            Assert.That(r.RocAuc, Is.GreaterThan(0.75), r.Model);
            Assert.That(r.AveragePrecision, Is.GreaterThan(0.6), r.Model);
            Assert.That(r.Brier, Is.LessThan(0.22), r.Model);
            Assert.That(r.LiftAt10Percent, Is.GreaterThan(1.4), r.Model);
            Assert.That(r.PrecisionAt100, Is.GreaterThan(0.7), r.Model);
            Assert.That(r.CalibrationMaxBinError, Is.LessThan(0.2), r.Model);
            Assert.That(r.TestRows, Is.EqualTo(2000));
        }
    }

    [Test]
    public void Trees_beat_logistic_regression_on_an_interaction()
    {
        static bool Xor(double x1, double x2, Random r) => (x1 * x2 > 0) ^ (r.NextDouble() < 0.1);
        var train = Make(4000, 3, Xor);
        var test = Make(2000, 4, Xor);
        var results = new BaselineEvaluator(seed: 0).Evaluate(train, test, "label", ["x1", "x2", "segment"]);
        var lr = results.Single(r => r.Model == BaselineEvaluator.LogisticRegression);
        var tree = results.Single(r => r.Model == BaselineEvaluator.FastTree);
        Assert.That(lr.RocAuc, Is.LessThan(0.6));
        Assert.That(tree.RocAuc, Is.GreaterThan(0.8));
        Assert.That(tree.RocAuc - lr.RocAuc, Is.GreaterThan(0.2));
    }

    [Test]
    public void Same_seed_gives_identical_results()
    {
        static bool Label(double x1, double x2, Random r) => r.NextDouble() < 1 / (1 + Math.Exp(-(2 * x1 * x2 + x1)));
        var train = Make(1500, 5, Label);
        var test = Make(500, 6, Label);
        var a = new BaselineEvaluator(7).Evaluate(train, test, "label", ["x1", "x2"]);
        var b = new BaselineEvaluator(7).Evaluate(train, test, "label", ["x1", "x2"]);
        Assert.That(a.Select(r => r.RocAuc), Is.EqualTo(b.Select(r => r.RocAuc)));
        Assert.That(a.Select(r => r.Brier), Is.EqualTo(b.Select(r => r.Brier)));
    }

    [Test]
    public void Feature_selection_drops_label_ids_times_and_traps()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.ResearchInstructor);
        var task = bundle.Tasks["tiny_conversion"];
        Assert.That(BaselineEvaluator.SelectFeatures(task), Is.EqualTo(new[] { "channel", "score" }));
        Assert.That(BaselineEvaluator.SelectFeatures(task, documentedTraps: ["score"]), Is.EqualTo(new[] { "channel" }));
        Assert.That(BaselineEvaluator.SelectFeatures(task, excludedColumns: ["channel"]), Is.EqualTo(new[] { "score" }));
    }

    [Test]
    public void Bad_input_is_rejected()
    {
        var train = Make(100, 1, (_, _, _) => true);
        var test = Make(100, 2, (x, _, _) => x > 0);
        var evaluator = new BaselineEvaluator();
        Assert.That(() => evaluator.Evaluate(train, test, "label", ["x1"]), Throws.ArgumentException.With.Message.Contains("single class"));
        Assert.That(() => evaluator.Evaluate(test, test, "x1", ["x2"]), Throws.ArgumentException.With.Message.Contains("not a non-null boolean"));
        Assert.That(() => evaluator.Evaluate(test, test, "label", []), Throws.ArgumentException.With.Message.Contains("No feature"));
    }
}
