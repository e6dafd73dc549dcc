namespace LeadForge.Splits;

/// <summary>
/// A temporal split: rows ordered in time go to train first, then valid, then test, cut at fixed
/// shares of a global order (e.g. entity numbers that follow creation time over the whole plan), so
/// the cut does not move with the rows a run happens to hold (nor with sharding).
/// </summary>
public static class TemporalSplit
{
    /// <summary>Assigns every row to split 0 (train), 1 (valid) or 2 (test) by its position in the global order.</summary>
    /// <param name="positions">The position of every row in the global time order, in [0, <paramref name="total"/>).</param>
    /// <param name="total">The length of the global order (positive unless there are no rows).</param>
    /// <param name="fractions">The split fractions (they should sum to 1; test takes the rest).</param>
    /// <returns>The split of every row: position p goes by (p + 0.5) / <paramref name="total"/>.</returns>
    public static int[] Assign(ReadOnlySpan<int> positions, int total, SplitFractions fractions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentNullException.ThrowIfNull(fractions);
        var assignment = new int[positions.Length];
        for (var r = 0; r < positions.Length; r++)
        {
            assignment[r] = SplitCut.Of((positions[r] + 0.5) / total, fractions);
        }

        return assignment;
    }
}
