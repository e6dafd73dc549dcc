namespace LeadForge.Schemes.LeadScoring.World;

/// <summary>
/// Recombines a world's conversion score from four parts at fixed shares of variance: the
/// projection of the graph's score on the latents that observable columns measure, the rest of
/// the graph's score (hidden), the shifts of observable categories (channel, segment, industry)
/// and the channel × segment interaction. Worlds of different motif families and rewirings then
/// hand the same share of their signal to each part.
/// </summary>
internal sealed class ScoreNormaliser
{
    private double[] _beta = [];
    private double _intercept;
    private double _projectionScale = 1;
    private double _residualScale = 1;
    private double _knownScale = 1;
    private double _interactionScale = 1;
    private bool _identity = true;

    /// <summary>The share of the graph score's variance the projection explains (R²) on the calibration sample.</summary>
    public double MeasuredShare { get; private set; }

    public static ScoreNormaliser Fit(double[] raw, double[][] x, double[] known, double[] interaction, DifficultyProfile profile)
    {
        var result = new ScoreNormaliser();
        var p = x.Length == 0 ? 0 : x[0].Length;
        if (raw.Length < p + 10)
        {
            return result;
        }

        // Least squares with an intercept; constant regressors get a zero coefficient.
        var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(raw.Length, p + 1, (i, j) => j == 0 ? 1 : x[i][j - 1]);
        var keep = Enumerable.Range(0, p + 1).Where(j => j == 0 || StdDev(design.Column(j)) > 1e-9).ToArray();
        var reduced = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(raw.Length, keep.Length, (i, j) => design[i, keep[j]]);
        var y = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(raw);
        var solved = reduced.Solve(y);
        var beta = new double[p + 1];
        for (var j = 0; j < keep.Length; j++)
        {
            beta[keep[j]] = solved[j];
        }

        result._intercept = beta[0];
        result._beta = beta[1..];
        var projection = new double[raw.Length];
        var residual = new double[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            projection[i] = result.Projection(x[i]);
            residual[i] = raw[i] - result._intercept - projection[i];
        }

        var (_, sdP) = HiddenWorldBuilder.MeanSd(projection);
        var (_, sdR) = HiddenWorldBuilder.MeanSd(residual);
        var (_, sdY) = HiddenWorldBuilder.MeanSd(raw);
        var (_, sdK) = HiddenWorldBuilder.MeanSd(known);
        var (_, sdI) = HiddenWorldBuilder.MeanSd(interaction);
        result.MeasuredShare = Math.Clamp(sdP * sdP / (sdY * sdY), 0, 1);
        if ((profile.ObservableShare is null && profile.CategoryShare is null && profile.InteractionShare is null) || sdY < 1e-6)
        {
            return result;
        }

        // A fixed observable share needs both parts; otherwise the graph score keeps its own split.
        var rho = profile.ObservableShare is { } r && sdP >= 1e-6 && sdR >= 1e-6 ? r : (double?)null;
        var kappa = profile.CategoryShare is { } k && sdK > 1e-6 ? Math.Min(k, 1 - (rho ?? 0)) : 0;
        var iota = profile.InteractionShare is { } i2 && sdI > 1e-6 ? Math.Min(i2, 1 - (rho ?? 0) - kappa) : 0;
        var graphShare = 1 - kappa - iota;

        // Parts without a share keep their raw ratio to the graph score.
        var unit = Math.Sqrt(graphShare) / sdY;
        result._identity = false;
        result._projectionScale = rho is { } p2 ? Math.Sqrt(p2) / sdP : unit;
        result._residualScale = rho is { } p3 ? Math.Sqrt(Math.Max(0, graphShare - p3)) / sdR : unit;
        result._knownScale = profile.CategoryShare is null ? unit : kappa > 0 ? Math.Sqrt(kappa) / sdK : 0;
        result._interactionScale = profile.InteractionShare is null ? unit : iota > 0 ? Math.Sqrt(iota) / sdI : 0;
        return result;
    }

    public double Apply(double raw, ReadOnlySpan<double> x, double known, double interaction)
    {
        if (_identity)
        {
            return raw + known + interaction;
        }

        var projection = Projection(x);
        return (_projectionScale * projection) + (_residualScale * (raw - _intercept - projection)) + (_knownScale * known) + (_interactionScale * interaction);
    }

    private double Projection(ReadOnlySpan<double> x)
    {
        var v = 0.0;
        for (var j = 0; j < _beta.Length; j++)
        {
            v += _beta[j] * x[j];
        }

        return v;
    }

    private static double StdDev(MathNet.Numerics.LinearAlgebra.Vector<double> v)
    {
        var mean = v.Average();
        return Math.Sqrt(v.Sum(e => (e - mean) * (e - mean)) / Math.Max(1, v.Count - 1));
    }
}
