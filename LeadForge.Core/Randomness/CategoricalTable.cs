namespace LeadForge.Randomness;

/// <summary>A precomputed cumulative-weight table for drawing categories by weight.</summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class CategoricalTable
{
    private readonly double[] _cumulative;
    private readonly int[]? _guide;

    /// <summary>Creates a table from non-negative weights with a positive sum (normalised here).</summary>
    /// <param name="weights">The weights, one per category.</param>
    public CategoricalTable(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("At least one weight is required.", nameof(weights));
        }

        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentException("Weights must be finite and non-negative.", nameof(weights));
            }

            total += w;
        }

        if (total <= 0)
        {
            throw new ArgumentException("The weights must have a positive sum.", nameof(weights));
        }

        _cumulative = new double[weights.Count];
        var acc = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            acc += weights[i] / total;
            _cumulative[i] = acc;
        }

        _cumulative[^1] = 1.0;
        _guide = _cumulative.Length > 8 ? BuildGuide(_cumulative) : null;
    }

    /// <summary>The number of categories.</summary>
    public int Count => _cumulative.Length;

    /// <summary>The normalised probability of category <paramref name="index"/>.</summary>
    /// <param name="index">The category index.</param>
    /// <returns>The probability.</returns>
    public double Probability(int index) => index == 0 ? _cumulative[0] : _cumulative[index] - _cumulative[index - 1];

    internal int Sample(double u)
    {
        var cumulative = _cumulative;
        if (cumulative.Length <= 8)
        {
            for (var i = 0; i < cumulative.Length - 1; i++)
            {
                if (u < cumulative[i])
                {
                    return i;
                }
            }

            return cumulative.Length - 1;
        }

        // Guide-table search: start at the bucket's lower bound and walk to the first index whose
        // cumulative weight exceeds u. Same answer as bisection, in expected O(1) steps.
        var guide = _guide!;
        var index = guide[Math.Min((int)(u * guide.Length), guide.Length - 1)];
        var last = cumulative.Length - 1;
        while (index < last && u >= cumulative[index])
        {
            index++;
        }

        return index;
    }

    /// <summary>The reference search: the first index whose cumulative weight exceeds <paramref name="u"/>, by bisection.</summary>
    internal int SampleByBisection(double u)
    {
        var cumulative = _cumulative;
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (u < cumulative[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>
    /// One bucket per category: bucket j starts at the first index whose cumulative weight exceeds
    /// (j − 1)/m, one bucket below j/m so that rounding in <c>(int)(u · m)</c> can never start the walk
    /// past the answer.
    /// </summary>
    private static int[] BuildGuide(double[] cumulative)
    {
        var m = cumulative.Length;
        var guide = new int[m];
        var index = 0;
        for (var j = 1; j < m; j++)
        {
            var lowerBound = (j - 1) / (double)m;
            while (index < m - 1 && cumulative[index] <= lowerBound)
            {
                index++;
            }

            guide[j] = index;
        }

        return guide;
    }
}
