using System.Runtime.CompilerServices;
using LeadForge.Randomness;
using LeadForge.Tables;

namespace LeadForge.Features;

/// <summary>
/// How one numeric feature is distorted, declared with the feature: the physical range its values are
/// kept in and, for double columns, the centre and scale of its noise and outliers. Every distorted
/// cell draws the same four numbers from the row's stream (a Gaussian noise, a missingness, an outlier
/// and a sign draw), null cells and integer columns too, so a row's draws never depend on its values:
/// integer columns use only the missingness draw (counts keep their value, clamped and rounded),
/// double columns add <c>NoiseScale × Sd</c> Gaussian noise, become <c>Median ± 5 Sd</c> when an
/// outlier, are clamped and rounded to four decimals.
/// </summary>
/// <param name="Min">The smallest value a cell may take.</param>
/// <param name="Max">The largest value a cell may take.</param>
/// <param name="Median">The centre of a double column's outliers (unused for integer columns).</param>
/// <param name="Sd">The scale of a double column's noise and outliers (unused for integer columns).</param>
public sealed record Distortion(double Min, double Max, double Median = 0, double Sd = 0)
{
    /// <summary>A count or measure kept non-negative, without an upper bound.</summary>
    /// <value>Min 0, max +∞, no noise scale.</value>
    public static Distortion NonNegative { get; } = new(0, double.PositiveInfinity);

    /// <summary>Distorts one cell of an integer column: the missingness draw only, the value clamped and rounded.</summary>
    /// <param name="rng">The row's stream.</param>
    /// <param name="column">The column (nullable, allocated).</param>
    /// <param name="row">The row.</param>
    /// <param name="rates">The rendering's rates.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Apply(RandomStream rng, ValueSlot<int> column, int row, in DistortionRates rates)
    {
        // The Gaussian noise's uniform pair is skipped without its logarithm and cosine.
        rng.NextUInt64();
        rng.NextUInt64();
        var missing = rng.NextDouble() < rates.MissingRate;
        rng.NextUInt64();
        rng.NextUInt64();
        if (column.IsNull(row))
        {
            return;
        }

        ref var cell = ref column[row];
        var x = Math.Clamp(cell, Min, Max);
        if (missing)
        {
            column.SetNull(row);
        }
        else
        {
            cell = (int)Math.Round(x);
        }
    }

    /// <summary>Distorts one cell of a double column: noise, outlier, clamp, missingness, four decimals.</summary>
    /// <param name="rng">The row's stream.</param>
    /// <param name="column">The column (nullable, allocated).</param>
    /// <param name="row">The row.</param>
    /// <param name="rates">The rendering's rates.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Apply(RandomStream rng, ValueSlot<double> column, int row, in DistortionRates rates)
    {
        var noise = rng.NextGaussian();
        var missing = rng.NextDouble() < rates.MissingRate;
        var outlier = rng.NextDouble() < rates.OutlierRate;
        var sign = rng.NextBool(0.5) ? 1 : -1;
        if (column.IsNull(row))
        {
            return;
        }

        ref var cell = ref column[row];
        var x = cell + (rates.NoiseScale * Sd * noise);
        if (outlier)
        {
            x = Median + (sign * 5 * Sd);
        }

        x = Math.Clamp(x, Min, Max);
        if (missing)
        {
            column.SetNull(row);
        }
        else
        {
            cell = Math.Round(x, 4);
        }
    }
}
