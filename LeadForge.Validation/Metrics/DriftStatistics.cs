namespace LeadForge.Validation;

/// <summary>
/// Distribution-shift statistics between two samples of one numeric variable, usable between
/// splits of one bundle or between bundles of different seeds. NaN values are ignored.
/// </summary>
public static class DriftStatistics
{
    /// <summary>
    /// The population stability index Σ (aᵢ − eᵢ)·ln(aᵢ / eᵢ) over quantile bins of the pooled
    /// sample, with bin shares clipped below at <paramref name="epsilon"/>. Duplicate quantile
    /// edges (heavy ties) are merged, so a constant variable gives 0.
    /// </summary>
    /// <param name="expected">The reference sample (e.g. train).</param>
    /// <param name="actual">The compared sample (e.g. test).</param>
    /// <param name="bins">The number of pooled quantile bins. <value>Default 10.</value></param>
    /// <param name="epsilon">The share floor. <value>Default 1e-4.</value></param>
    /// <returns>The PSI (≥ 0), or NaN when either sample is empty.</returns>
    public static double Psi(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, int bins = 10, double epsilon = 1e-4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        var e = Clean(expected);
        var a = Clean(actual);
        if (e.Length == 0 || a.Length == 0)
        {
            return double.NaN;
        }

        var pooled = e.Concat(a).ToArray();
        Array.Sort(pooled);
        var edges = new List<double>();
        for (var q = 1; q < bins; q++)
        {
            var edge = pooled[(int)Math.Min(pooled.Length - 1, Math.Floor(q * pooled.Length / (double)bins))];
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        var edgeArray = edges.ToArray();
        var ec = Histogram(e, edgeArray);
        var ac = Histogram(a, edgeArray);
        double psi = 0;
        for (var b = 0; b < ec.Length; b++)
        {
            var pe = Math.Max(ec[b] / (double)e.Length, epsilon);
            var pa = Math.Max(ac[b] / (double)a.Length, epsilon);
            psi += (pa - pe) * Math.Log(pa / pe);
        }

        return psi;
    }

    /// <summary>The two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical CDFs.</summary>
    /// <param name="first">The first sample.</param>
    /// <param name="second">The second sample.</param>
    /// <returns>The statistic in [0, 1], or NaN when either sample is empty.</returns>
    public static double Ks(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        var x = Clean(first);
        var y = Clean(second);
        if (x.Length == 0 || y.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            var v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v)
            {
                i++;
            }

            while (j < y.Length && y[j] <= v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((i / (double)x.Length) - (j / (double)y.Length)));
        }

        return d;
    }

    private static long[] Histogram(double[] values, double[] edges)
    {
        var counts = new long[edges.Length + 1];
        foreach (var v in values)
        {
            // Bin b holds values in (edges[b-1], edges[b]]; the last bin is open above.
            var idx = Array.BinarySearch(edges, v);
            var bin = idx >= 0 ? idx : ~idx;
            counts[bin]++;
        }

        return counts;
    }

    private static double[] Clean(ReadOnlySpan<double> values)
    {
        var list = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                list.Add(v);
            }
        }

        return list.ToArray();
    }
}
