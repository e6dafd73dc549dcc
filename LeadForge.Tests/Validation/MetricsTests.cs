using LeadForge.Validation;

namespace LeadForge.Tests.Validation;

public class MetricsTests
{
    private static readonly bool[] TwoAndTwo = [false, false, true, true];

    [Test]
    public void Perfect_ranker()
    {
        double[] scores = [0.1, 0.2, 0.8, 0.9];
        Assert.That(Metrics.RocAuc(scores, TwoAndTwo), Is.EqualTo(1.0));
        Assert.That(Metrics.AveragePrecision(scores, TwoAndTwo), Is.EqualTo(1.0));
        Assert.That(Metrics.PrecisionAtK(scores, TwoAndTwo, 2), Is.EqualTo(1.0));
    }

    [Test]
    public void Reversed_ranker()
    {
        double[] scores = [0.9, 0.8, 0.2, 0.1];
        Assert.That(Metrics.RocAuc(scores, TwoAndTwo), Is.EqualTo(0.0));
        Assert.That(Metrics.FoldedRocAuc(scores, TwoAndTwo), Is.EqualTo(1.0));
        // Ranked F, F, T, T: precision 1/3 at recall 0.5, 2/4 at recall 1.
        Assert.That(Metrics.AveragePrecision(scores, TwoAndTwo), Is.EqualTo((0.5 / 3) + (0.5 * 0.5)).Within(1e-12));
        Assert.That(Metrics.PrecisionAtK(scores, TwoAndTwo, 2), Is.EqualTo(0.0));
    }

    [Test]
    public void Tied_scores_use_mid_ranks_and_threshold_groups()
    {
        double[] allTied = [0.5, 0.5, 0.5, 0.5];
        Assert.That(Metrics.RocAuc(allTied, TwoAndTwo), Is.EqualTo(0.5));
        Assert.That(Metrics.AveragePrecision(allTied, TwoAndTwo), Is.EqualTo(0.5));

        // Positives score 0.5 and 0.9, negatives 0.5 and 0.2: pairs 0.5 + 1 + 1 + 1 over 4.
        double[] scores = [0.5, 0.5, 0.2, 0.9];
        bool[] labels = [true, false, false, true];
        Assert.That(Metrics.RocAuc(scores, labels), Is.EqualTo(0.875));
        // Thresholds 0.9 (P = 1, ΔR = .5), 0.5 (P = 2/3, ΔR = .5), 0.2 (ΔR = 0).
        Assert.That(Metrics.AveragePrecision(scores, labels), Is.EqualTo(0.5 + (0.5 * 2 / 3)).Within(1e-12));
    }

    [Test]
    public void Random_ranker_is_near_one_half()
    {
        var rng = new Random(11);
        var n = 20_000;
        var scores = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3).ToArray();
        Assert.That(Metrics.RocAuc(scores, labels), Is.EqualTo(0.5).Within(0.02));
        Assert.That(Metrics.AveragePrecision(scores, labels), Is.EqualTo(labels.Count(l => l) / (double)n).Within(0.02));
        Assert.That(Metrics.Lift(scores, labels, 0.1), Is.EqualTo(1.0).Within(0.1));
    }

    [Test]
    public void Degenerate_labels_give_nan()
    {
        Assert.That(Metrics.RocAuc([0.1, 0.2], [true, true]), Is.NaN);
        Assert.That(Metrics.AveragePrecision([0.1, 0.2], [false, false]), Is.NaN);
        Assert.Throws<ArgumentException>(() => Metrics.RocAuc([0.1], [true, false]));
        Assert.Throws<ArgumentException>(() => Metrics.RocAuc([double.NaN, 0.2], [true, false]));
    }

    [Test]
    public void Brier_lift_and_precision_at_k()
    {
        Assert.That(Metrics.Brier([1.0, 0.0, 0.5], [true, false, true]), Is.EqualTo(0.25 / 3).Within(1e-12));
        // Ten rows, scores descending with row index; positives at rows 0 and 4.
        var scores = Enumerable.Range(0, 10).Select(i => 10.0 - i).ToArray();
        var labels = Enumerable.Range(0, 10).Select(i => i is 0 or 4).ToArray();
        Assert.That(Metrics.PrecisionAtK(scores, labels, 1), Is.EqualTo(1.0));
        Assert.That(Metrics.PrecisionAtK(scores, labels, 5), Is.EqualTo(0.4));
        Assert.That(Metrics.PrecisionAtK(scores, labels, 100), Is.EqualTo(0.2));
        Assert.That(Metrics.Lift(scores, labels, 0.1), Is.EqualTo(5.0)); // top row positive / base rate 0.2
        // Ties at the top are broken by row order.
        Assert.That(Metrics.PrecisionAtK([1.0, 1.0, 0.0], [false, true, true], 1), Is.EqualTo(0.0));
    }

    [Test]
    public void Calibration_uses_only_bins_with_enough_rows()
    {
        var p = new List<double>();
        var y = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            p.Add(0.25);
            y.Add(i < 10); // observed 0.25: error 0
        }

        for (var i = 0; i < 20; i++)
        {
            p.Add(0.85);
            y.Add(true); // observed 1.0: error 0.15
        }

        for (var i = 0; i < 5; i++)
        {
            p.Add(0.55);
            y.Add(false); // error 0.55 but only 5 rows: ignored
        }

        Assert.That(Metrics.CalibrationMaxBinError(p.ToArray(), y.ToArray()), Is.EqualTo(0.15).Within(1e-9));
        Assert.That(Metrics.CalibrationMaxBinError(p.ToArray(), y.ToArray(), 10, 1), Is.EqualTo(0.55).Within(1e-9));
        Assert.That(Metrics.CalibrationMaxBinError([0.5], [true]), Is.NaN);
    }
}

public class DriftStatisticsTests
{
    [Test]
    public void Identical_samples_have_no_drift()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 5000).Select(_ => rng.NextDouble()).ToArray();
        Assert.That(DriftStatistics.Psi(x, x), Is.EqualTo(0.0).Within(1e-12));
        Assert.That(DriftStatistics.Ks(x, x), Is.EqualTo(0.0));
        Assert.That(DriftStatistics.Psi([1.0, 1.0, 1.0], [1.0, 1.0]), Is.EqualTo(0.0));
    }

    [Test]
    public void Ks_matches_hand_computed_values()
    {
        Assert.That(DriftStatistics.Ks([1, 2, 3], [4, 5]), Is.EqualTo(1.0));
        // F1 - F2 peaks at 2: 0.5 - 0.
        Assert.That(DriftStatistics.Ks([1, 2, 3, 4], [3, 4, 5, 6]), Is.EqualTo(0.5));
        Assert.That(DriftStatistics.Ks([1, double.NaN], []), Is.NaN);
    }

    [Test]
    public void Shifted_samples_are_flagged()
    {
        var rng = new Random(5);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var a = Enumerable.Range(0, 20_000).Select(_ => Normal()).ToArray();
        var b = Enumerable.Range(0, 20_000).Select(_ => Normal() + 1).ToArray();
        var same = Enumerable.Range(0, 20_000).Select(_ => Normal()).ToArray();
        // KS of N(0,1) vs N(1,1) is Φ(0.5) − Φ(−0.5) ≈ 0.383.
        Assert.That(DriftStatistics.Ks(a, b), Is.EqualTo(0.383).Within(0.02));
        Assert.That(DriftStatistics.Psi(a, b), Is.GreaterThan(0.5));
        Assert.That(DriftStatistics.Psi(a, same), Is.LessThan(0.01));
        Assert.That(DriftStatistics.Ks(a, same), Is.LessThan(0.03));
    }
}
