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

    // Tests below were added for the survivors of a Stryker run on Validation/Metrics (issue 18 point 7).

    [Test]
    public void Average_precision_counts_each_tied_score_group_once()
    {
        // Threshold 0.9 (two rows, one positive): recall 1/2 at precision 1/2; threshold 0.5: recall 1 at precision 2/3.
        Assert.That(Metrics.AveragePrecision([0.9, 0.9, 0.5, 0.1], [true, false, true, false]), Is.EqualTo((0.5 * 0.5) + (0.5 * 2 / 3.0)).Within(1e-12));
    }

    [Test]
    public void The_metrics_refuse_mismatched_lengths_nan_scores_and_bad_parameters()
    {
        double[] three = [0.1, 0.5, 0.9];
        bool[] two = [true, false];
        Assert.Multiple(() =>
        {
            Assert.That(() => Metrics.AveragePrecision(three, two), Throws.ArgumentException.With.Message.Contains("differ in length"));
            Assert.That(() => Metrics.Brier(three, two), Throws.ArgumentException);
            Assert.That(() => Metrics.CalibrationMaxBinError(three, two), Throws.ArgumentException);
            Assert.That(() => Metrics.Lift(three, two), Throws.ArgumentException);
            Assert.That(() => Metrics.PrecisionAtK(three, two, 1), Throws.ArgumentException);
            Assert.That(() => Metrics.AveragePrecision([0.2, double.NaN], [true, false]), Throws.ArgumentException.With.Message.Contains("index 1 is NaN"));
            Assert.That(() => Metrics.CalibrationMaxBinError(three, [true, false, true], bins: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Metrics.Lift(three, [true, false, true], 0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => Metrics.Lift(three, [true, false, true], 1.5), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(Metrics.Lift(three, [true, false, true], 1.0), Is.EqualTo(1.0), "the whole sample has lift 1");
            Assert.That(() => Metrics.PrecisionAtK(three, [true, false, true], 0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(Metrics.PrecisionAtK([], [], 3), Is.NaN);
            Assert.That(Metrics.Lift(three, [false, false, false]), Is.NaN);
        });
    }

    [Test]
    public void Precision_at_k_breaks_a_run_of_ties_by_row_order()
    {
        // Every score ties: the first rows rank first, whatever order the sort left them in.
        bool[] labels = [true, true, false, false, false, false, false];
        var tied = Enumerable.Repeat(0.5, labels.Length).ToArray();
        Assert.That(Metrics.PrecisionAtK(tied, labels, 2), Is.EqualTo(1.0));
        Assert.That(Metrics.PrecisionAtK([0.9, 0.5, 0.5, 0.5, 0.1], [false, false, true, true, true], 3), Is.EqualTo(1 / 3.0).Within(1e-12));
    }

    [Test]
    public void Calibration_puts_a_probability_of_one_in_the_last_bin()
    {
        var p = Enumerable.Repeat(1.0, 20).Concat(Enumerable.Repeat(0.95, 20)).ToArray();
        var y = Enumerable.Repeat(true, 20).Concat(Enumerable.Repeat(false, 20)).ToArray();
        Assert.That(Metrics.CalibrationMaxBinError(p, y), Is.EqualTo(Math.Abs((20 + (20 * 0.95) - 20) / 40.0)).Within(1e-12));
    }

    [Test]
    public void Folded_auc_reads_a_reversed_score_as_a_separating_one()
    {
        Assert.That(Metrics.FoldedRocAuc([0.9, 0.8, 0.2, 0.1], TwoAndTwo), Is.EqualTo(1.0));
        Assert.That(Metrics.FoldedRocAuc([0.1, 0.9, 0.2, 0.05], TwoAndTwo), Is.EqualTo(0.75), "an AUC of 0.25 folds to 0.75");
        Assert.That(Metrics.FoldedRocAuc([0.9, 0.1, 0.8, 0.95], TwoAndTwo), Is.EqualTo(0.75), "an AUC of 0.75 stays");
        Assert.That(Metrics.FoldedRocAuc([0.1, 0.2], [true, true]), Is.NaN);
    }

    [TestCase(0.8, 10, 20, 0.093571125650788)]
    [TestCase(0.8, 3, 7, 0.1745743121887939)]
    [TestCase(0.5, 1, 1, 0.5)]
    public void Auc_standard_error_matches_hanley_mcneil(double auc, int positives, int negatives, double expected) =>
        Assert.That(Metrics.AucStandardError(auc, positives, negatives), Is.EqualTo(expected).Within(1e-12));

    [Test]
    public void Auc_standard_error_is_nan_without_both_classes_or_an_auc()
    {
        Assert.That(Metrics.AucStandardError(0.8, 0, 5), Is.NaN);
        Assert.That(Metrics.AucStandardError(0.8, 5, 0), Is.NaN);
        Assert.That(Metrics.AucStandardError(double.NaN, 5, 5), Is.NaN);
    }

    [Test]
    public void Auc_exceedance_p_value_is_one_sided_at_the_threshold()
    {
        var labels = Enumerable.Range(0, 30).Select(i => i < 10).ToArray();
        Assert.That(Metrics.AucExceedancePValue(0.9, 0.8, labels), Is.EqualTo(0.1426011399216216).Within(1e-9));
        Assert.That(Metrics.AucExceedancePValue(0.8, 0.8, labels), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(Metrics.AucExceedancePValue(0.7, 0.8, labels), Is.EqualTo(1 - 0.1426011399216216).Within(1e-9));
        var small = Enumerable.Range(0, 10).Select(i => i < 3).ToArray();
        Assert.That(Metrics.AucExceedancePValue(1.0, 0.8, small), Is.EqualTo(0.12597125757840422).Within(1e-9), "a perfect AUC on 10 rows is judged by the null's error");
        Assert.That(Metrics.AucExceedancePValue(0.9, 0.8, [true, true]), Is.NaN);
        Assert.That(Metrics.AucExceedancePValue(double.NaN, 0.8, labels), Is.NaN);
        Assert.That(() => Metrics.AucExceedancePValue(0.9, 0, labels), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => Metrics.AucExceedancePValue(0.9, 1, labels), Throws.TypeOf<ArgumentOutOfRangeException>());
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

    [Test]
    public void Psi_matches_a_hand_computed_value()
    {
        // Pooled quartile edges 5, 7, 9; expected bins 5/2/1/0 of 8, actual 1/2/2/3 of 8; the empty bin is floored at epsilon.
        double[] expected = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] actual = [5, 6, 7, 8, 9, 10, 11, 12];
        Assert.That(DriftStatistics.Psi(expected, actual, bins: 4), Is.EqualTo(3.976606072286818).Within(1e-12));
        Assert.That(DriftStatistics.Psi([.. expected, double.NaN], actual, bins: 4), Is.EqualTo(3.976606072286818).Within(1e-12), "NaN is dropped");
        Assert.That(DriftStatistics.Psi(actual, expected, bins: 4), Is.EqualTo(3.976606072286818).Within(1e-12), "PSI is symmetric");
    }

    [Test]
    public void Psi_and_ks_refuse_bad_parameters_and_empty_samples()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => DriftStatistics.Psi([1.0], [1.0], bins: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => DriftStatistics.Psi([1.0], [1.0], epsilon: 0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(DriftStatistics.Psi([], [1.0]), Is.NaN);
            Assert.That(DriftStatistics.Psi([1.0], [double.NaN]), Is.NaN);
            Assert.That(DriftStatistics.Ks([double.NaN], [1.0]), Is.NaN);
            Assert.That(DriftStatistics.Ks([3, 1, 2], [2, 3, 1]), Is.Zero, "unsorted input is sorted first");
            Assert.That(DriftStatistics.Ks([1, 2, 3, 4], [2.5]), Is.EqualTo(0.5));
        });
    }
}
