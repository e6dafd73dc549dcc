using LeadForge.Randomness;

namespace LeadForge.Splits;

/// <summary>
/// A random split: each row goes to train, valid or test by one uniform draw from its own stream,
/// keyed by the row's entity number, so a row's split never depends on the other rows of the run
/// (nor on sharding).
/// </summary>
public static class RandomSplit
{
    /// <summary>Assigns every row to split 0 (train), 1 (valid) or 2 (test).</summary>
    /// <param name="keys">The entity number of every row (the stream each row draws from).</param>
    /// <param name="source">The split's random source; row r draws from <c>source.Stream(keys[r])</c>.</param>
    /// <param name="fractions">The split fractions (they should sum to 1; test takes the rest).</param>
    /// <returns>The split of every row.</returns>
    public static int[] Assign(ReadOnlySpan<int> keys, RandomSource source, SplitFractions fractions)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fractions);
        var assignment = new int[keys.Length];
        for (var r = 0; r < keys.Length; r++)
        {
            assignment[r] = SplitCut.Of(source.Stream(keys[r]).NextDouble(), fractions);
        }

        return assignment;
    }
}
