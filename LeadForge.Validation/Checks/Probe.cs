using LeadForge.Tables;

namespace LeadForge.Validation.Checks;

/// <summary>Single-column separability scores used by the leakage probes.</summary>
internal static class Probe
{
    private const int Folds = 5;

    /// <summary>
    /// The folded ROC-AUC of one column against the labels. Numeric and temporal columns score by value
    /// over non-null rows, and by a null indicator when some rows are null (the larger counts).
    /// Categorical columns score by each category's positive rate, cross-fitted over five row folds so
    /// that rare categories cannot memorise their own labels.
    /// </summary>
    public static double ColumnAuc(Column column, bool[] labels)
    {
        if (ColumnData.IsCategorical(column.Type))
        {
            return CategoricalAuc(ColumnData.Keys(column), labels);
        }

        return NumericAuc(ColumnData.Numeric(column), labels);
    }

    /// <summary>The folded AUC of numeric values (NaN = missing), taking the null indicator into account.</summary>
    public static double NumericAuc(double[] values, bool[] labels)
    {
        var present = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                present.Add(i);
            }
        }

        var best = 0.5;
        if (present.Count > 0)
        {
            var v = new double[present.Count];
            var l = new bool[present.Count];
            for (var k = 0; k < v.Length; k++)
            {
                v[k] = values[present[k]];
                l[k] = labels[present[k]];
            }

            best = Max(best, Metrics.FoldedRocAuc(v, l));
        }

        if (present.Count > 0 && present.Count < values.Length)
        {
            var indicator = new double[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                indicator[i] = double.IsNaN(values[i]) ? 1 : 0;
            }

            best = Max(best, Metrics.FoldedRocAuc(indicator, labels));
        }

        return best;
    }

    /// <summary>The folded AUC of cross-fitted per-category positive rates (null is its own category).</summary>
    public static double CategoricalAuc(string?[] keys, bool[] labels)
    {
        var n = keys.Length;
        var pos = new Dictionary<string, int>[Folds];
        var cnt = new Dictionary<string, int>[Folds];
        var foldPos = new int[Folds];
        var foldCnt = new int[Folds];
        for (var f = 0; f < Folds; f++)
        {
            pos[f] = new(StringComparer.Ordinal);
            cnt[f] = new(StringComparer.Ordinal);
        }

        for (var i = 0; i < n; i++)
        {
            var f = i % Folds;
            var key = keys[i] ?? "\0null";
            cnt[f][key] = cnt[f].GetValueOrDefault(key) + 1;
            foldCnt[f]++;
            if (labels[i])
            {
                pos[f][key] = pos[f].GetValueOrDefault(key) + 1;
                foldPos[f]++;
            }
        }

        var totalPos = foldPos.Sum();
        var totalCnt = foldCnt.Sum();
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var f = i % Folds;
            var key = keys[i] ?? "\0null";
            var otherCnt = totalCnt - foldCnt[f];
            var prior = otherCnt == 0 ? 0.5 : (totalPos - foldPos[f]) / (double)otherCnt;
            var c = 0;
            var p = 0;
            for (var g = 0; g < Folds; g++)
            {
                if (g != f)
                {
                    c += cnt[g].GetValueOrDefault(key);
                    p += pos[g].GetValueOrDefault(key);
                }
            }

            scores[i] = (p + prior) / (c + 1.0);
        }

        return Max(0.5, Metrics.FoldedRocAuc(scores, labels));
    }

    private static double Max(double a, double b) => double.IsNaN(b) ? a : Math.Max(a, b);
}
