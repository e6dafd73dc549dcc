namespace LeadForge.Evaluation;

/// <summary>
/// Rank metrics of a binary score, the one implementation shared by the schemes (the oracle AUC of a
/// hidden truth) and validation. Scores are "higher means more likely positive".
/// </summary>
public static class RankMetrics
{
    /// <summary>
    /// The area under the ROC curve by the rank-sum (Mann–Whitney) formula, tied scores taking their
    /// mid-rank; the result does not depend on the order of the rows.
    /// </summary>
    /// <param name="scores">The scores; none may be NaN.</param>
    /// <param name="labels">The labels, as many as <paramref name="scores"/>.</param>
    /// <returns>The ROC-AUC in [0, 1], or <see cref="double.NaN"/> when one class is absent.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or a score is NaN.</exception>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"Scores ({scores.Length}) and labels ({labels.Length}) differ in length.", nameof(labels));
        }

        var keys = scores.ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            if (double.IsNaN(keys[i]))
            {
                throw new ArgumentException($"Score at index {i} is NaN.", nameof(scores));
            }
        }

        var n = keys.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        long positives = 0;
        double rankSum = 0;
        var start = 0;
        while (start < n)
        {
            var end = start;
            while (end + 1 < n && keys[end + 1].Equals(keys[start]))
            {
                end++;
            }

            var midRank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    positives++;
                    rankSum += midRank;
                }
            }

            start = end + 1;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
