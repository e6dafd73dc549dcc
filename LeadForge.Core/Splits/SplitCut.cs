namespace LeadForge.Splits;

/// <summary>Maps a number in [0, 1) to a split by the cumulative fractions: train, then valid, then test.</summary>
internal static class SplitCut
{
    /// <summary>The split of <paramref name="u"/>: 0 (train) below the train fraction, 1 (valid) below train + valid, else 2 (test).</summary>
    public static int Of(double u, SplitFractions fractions) =>
        u < fractions.Train ? 0 : u < fractions.Train + fractions.Valid ? 1 : 2;
}
