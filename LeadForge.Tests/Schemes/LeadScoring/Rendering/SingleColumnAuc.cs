namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>
/// Single-column separability written for the tests (independent of LeadForge.Validation): rank ROC-AUC
/// with ties averaged, folded to max(auc, 1 − auc); categorical columns are scored by out-of-fold
/// positive rates so that rare categories cannot memorise their own labels.
/// </summary>
internal static class SingleColumnAuc
{
    private const int Folds = 5;

    /// <summary>Folded AUC of numeric scores; NaN (missing) ranks below every value.</summary>
    public static double Numeric(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var n = scores.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i]).ToArray();
        double positives = labels.Count(l => l), negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        double Key(int i) => double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i];
        var rankSum = 0.0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && Key(order[j + 1]) == Key(order[i]))
            {
                j++;
            }

            var rank = ((i + j) / 2.0) + 1;
            for (var k = i; k <= j; k++)
            {
                rankSum += labels[order[k]] ? rank : 0;
            }

            i = j + 1;
        }

        var auc = (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
        return Math.Max(auc, 1 - auc);
    }

    /// <summary>Folded AUC of a categorical column (null is its own category) scored by out-of-fold category positive rates.</summary>
    public static double Categorical(IReadOnlyList<string?> values, IReadOnlyList<bool> labels)
    {
        var n = values.Count;
        var prior = labels.Count(l => l) / (double)n;
        var encoded = new double[n];
        for (var fold = 0; fold < Folds; fold++)
        {
            var stats = new Dictionary<string, (int N, int Positives)>(StringComparer.Ordinal);
            for (var i = 0; i < n; i++)
            {
                if (i % Folds != fold)
                {
                    var key = values[i] ?? "\0null";
                    var s = stats.GetValueOrDefault(key);
                    stats[key] = (s.N + 1, s.Positives + (labels[i] ? 1 : 0));
                }
            }

            for (var i = fold; i < n; i += Folds)
            {
                var s = stats.GetValueOrDefault(values[i] ?? "\0null");
                encoded[i] = (s.Positives + prior) / (s.N + 1.0);
            }
        }

        return Numeric(encoded, labels);
    }
}
