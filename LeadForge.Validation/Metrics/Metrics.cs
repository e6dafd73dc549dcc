namespace LeadForge.Validation;

/// <summary>
/// Binary-classification metrics used throughout validation. Scores are "higher means more likely
/// positive"; ties are handled exactly (mid-ranks for ROC-AUC, threshold groups for average precision).
/// Degenerate inputs (no positives or no negatives) give <see cref="double.NaN"/>.
/// </summary>
public static class Metrics
{
    /// <summary>The area under the ROC curve by the rank-sum (Mann–Whitney) formula with mid-ranks for ties.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="labels">The labels, same length.</param>
    /// <returns>The ROC-AUC in [0, 1], or NaN when one class is absent.</returns>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels) => Evaluation.RankMetrics.RocAuc(scores, labels);

    /// <summary>
    /// Average precision: Σ (Rₙ − Rₙ₋₁)·Pₙ over the distinct score thresholds in decreasing order
    /// (tied scores form one threshold).
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <param name="labels">The labels, same length.</param>
    /// <returns>The average precision in [0, 1], or NaN when there are no positives.</returns>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        CheckLengths(scores, labels);
        var totalPositives = Count(labels);
        if (totalPositives == 0)
        {
            return double.NaN;
        }

        var order = SortedAscending(scores);
        double ap = 0;
        long tp = 0;
        long seen = 0;
        var i = order.Length - 1;
        while (i >= 0)
        {
            var j = i;
            while (j - 1 >= 0 && scores[order[j - 1]].Equals(scores[order[i]]))
            {
                j--;
            }

            long groupPositives = 0;
            for (var k = j; k <= i; k++)
            {
                if (labels[order[k]])
                {
                    groupPositives++;
                }
            }

            seen += i - j + 1;
            tp += groupPositives;
            ap += (groupPositives / (double)totalPositives) * (tp / (double)seen);
            i = j - 1;
        }

        return ap;
    }

    /// <summary>The Brier score: the mean squared difference between probability and outcome.</summary>
    /// <param name="probabilities">Predicted probabilities.</param>
    /// <param name="labels">The labels, same length.</param>
    /// <returns>The Brier score, or NaN for empty input.</returns>
    public static double Brier(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        CheckLengths(probabilities, labels);
        if (probabilities.Length == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var d = probabilities[i] - (labels[i] ? 1.0 : 0.0);
            sum += d * d;
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// The largest |mean predicted − observed rate| over equal-width probability bins on [0, 1]
    /// that hold at least <paramref name="minRowsPerBin"/> rows.
    /// </summary>
    /// <param name="probabilities">Predicted probabilities.</param>
    /// <param name="labels">The labels, same length.</param>
    /// <param name="bins">The number of bins. <value>Default 10.</value></param>
    /// <param name="minRowsPerBin">Bins with fewer rows are ignored. <value>Default 20.</value></param>
    /// <returns>The maximum bin error, or NaN when no bin is large enough.</returns>
    public static double CalibrationMaxBinError(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels, int bins = 10, int minRowsPerBin = 20)
    {
        CheckLengths(probabilities, labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new long[bins];
        var predicted = new double[bins];
        var actual = new double[bins];
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = Math.Clamp(probabilities[i], 0.0, 1.0);
            var b = Math.Min((int)(p * bins), bins - 1);
            count[b]++;
            predicted[b] += p;
            actual[b] += labels[i] ? 1 : 0;
        }

        var worst = double.NaN;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] < minRowsPerBin || count[b] == 0)
            {
                continue;
            }

            var error = Math.Abs((predicted[b] - actual[b]) / count[b]);
            worst = double.IsNaN(worst) ? error : Math.Max(worst, error);
        }

        return worst;
    }

    /// <summary>
    /// The positive rate among the top <paramref name="fraction"/> of rows by score (ties broken by
    /// row order), divided by the overall positive rate.
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <param name="labels">The labels, same length.</param>
    /// <param name="fraction">The top share, in (0, 1]. <value>Default 0.10.</value></param>
    /// <returns>The lift, or NaN when there are no positives.</returns>
    public static double Lift(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double fraction = 0.10)
    {
        CheckLengths(scores, labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        var positives = Count(labels);
        if (positives == 0)
        {
            return double.NaN;
        }

        var k = Math.Max(1, (int)Math.Ceiling(fraction * scores.Length));
        return PrecisionAtK(scores, labels, k) / (positives / (double)scores.Length);
    }

    /// <summary>The positive rate among the <paramref name="k"/> highest-scored rows (ties broken by row order).</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="labels">The labels, same length.</param>
    /// <param name="k">How many rows; capped at the row count.</param>
    /// <returns>The precision, or NaN for empty input.</returns>
    public static double PrecisionAtK(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, int k)
    {
        CheckLengths(scores, labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (scores.Length == 0)
        {
            return double.NaN;
        }

        var order = SortedAscending(scores);
        k = Math.Min(k, scores.Length);
        var hits = 0;
        // Descending by score; among ties the earlier row ranks first.
        var descending = order.Reverse().ToArray();
        StableTieOrder(descending, scores);
        for (var i = 0; i < k; i++)
        {
            if (labels[descending[i]])
            {
                hits++;
            }
        }

        return hits / (double)k;
    }

    /// <summary>A ROC-AUC folded to max(auc, 1 − auc): how well a score separates the classes in either direction.</summary>
    /// <param name="scores">The scores.</param>
    /// <param name="labels">The labels.</param>
    /// <returns>The folded AUC in [0.5, 1], or NaN when one class is absent.</returns>
    public static double FoldedRocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var auc = RocAuc(scores, labels);
        return double.IsNaN(auc) ? auc : Math.Max(auc, 1 - auc);
    }

    /// <summary>
    /// The Hanley–McNeil (1982) standard error of an AUC estimated from <paramref name="positives"/>
    /// positive and <paramref name="negatives"/> negative rows.
    /// </summary>
    /// <param name="auc">The AUC, in [0, 1].</param>
    /// <param name="positives">The number of positive rows.</param>
    /// <param name="negatives">The number of negative rows.</param>
    /// <returns>The standard error, or NaN when a class is absent or the AUC is NaN.</returns>
    public static double AucStandardError(double auc, int positives, int negatives)
    {
        if (positives <= 0 || negatives <= 0 || double.IsNaN(auc))
        {
            return double.NaN;
        }

        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance = ((auc * (1 - auc)) + ((positives - 1) * (q1 - (auc * auc))) + ((negatives - 1) * (q2 - (auc * auc)))) / ((double)positives * negatives);
        return Math.Sqrt(Math.Max(variance, 0));
    }

    /// <summary>
    /// The one-sided p-value of an AUC against the null hypothesis that the true AUC is
    /// <paramref name="threshold"/>: 1 − Φ((auc − threshold) / SE), with the
    /// <see cref="AucStandardError"/> taken at the threshold (so a perfect AUC on a handful of rows,
    /// whose own standard error is 0, is still judged by how likely it is under the null).
    /// </summary>
    /// <param name="auc">The AUC, in [0, 1].</param>
    /// <param name="threshold">The AUC of the null hypothesis, in (0, 1).</param>
    /// <param name="labels">The labels the AUC was computed on.</param>
    /// <returns>The p-value in [0, 1], or NaN when a class is absent or the AUC is NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not in (0, 1).</exception>
    public static double AucExceedancePValue(double auc, double threshold, ReadOnlySpan<bool> labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(threshold, 1);
        var positives = 0;
        foreach (var label in labels)
        {
            positives += label ? 1 : 0;
        }

        var se = AucStandardError(threshold, positives, labels.Length - positives);
        return double.IsNaN(se) || double.IsNaN(auc) ? double.NaN : 1 - MathNet.Numerics.Distributions.Normal.CDF(0, 1, (auc - threshold) / se);
    }

    private static void StableTieOrder(int[] descending, ReadOnlySpan<double> scores)
    {
        var i = 0;
        while (i < descending.Length)
        {
            var j = i;
            while (j + 1 < descending.Length && scores[descending[j + 1]].Equals(scores[descending[i]]))
            {
                j++;
            }

            if (j > i)
            {
                Array.Sort(descending, i, j - i + 1);
            }

            i = j + 1;
        }
    }

    private static int[] SortedAscending(ReadOnlySpan<double> scores)
    {
        var keys = scores.ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            if (double.IsNaN(keys[i]))
            {
                throw new ArgumentException($"Score at index {i} is NaN.", nameof(scores));
            }
        }

        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        return order;
    }

    private static long Count(ReadOnlySpan<bool> labels)
    {
        long n = 0;
        foreach (var l in labels)
        {
            if (l)
            {
                n++;
            }
        }

        return n;
    }

    private static void CheckLengths(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"Scores ({scores.Length}) and labels ({labels.Length}) differ in length.", nameof(labels));
        }
    }
}
