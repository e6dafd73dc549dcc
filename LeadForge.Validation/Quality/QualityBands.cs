namespace LeadForge.Validation;

/// <summary>The accepted ranges of one difficulty tier.</summary>
/// <param name="ConversionLow">The lowest accepted conversion rate (every seed).</param>
/// <param name="ConversionHigh">The highest accepted conversion rate (every seed).</param>
/// <param name="AucLow">The lowest accepted median best-baseline ROC-AUC.</param>
/// <param name="AucHigh">The highest accepted median best-baseline ROC-AUC.</param>
/// <param name="MinTreeAdvantage">The least median FastTree − logistic-regression ROC-AUC, or <see langword="null"/> when not required.</param>
public sealed record TierBand(double ConversionLow, double ConversionHigh, double AucLow, double AucHigh, double? MinTreeAdvantage);

/// <summary>The bands a <see cref="QualityReport"/> checks: one <see cref="TierBand"/> per tier and the largest accepted seed spread.</summary>
public sealed class QualityBands
{
    /// <summary>The bands of issue 5 and SPEC §5.6: intro conversion 0.30–0.45 and AUC 0.80–0.90; intermediate 0.18–0.28 and 0.72–0.80; advanced 0.08–0.15 and 0.62–0.70; spread ≤ 0.04; FastTree ≥ logistic regression + 0.02 in intro and intermediate.</summary>
    public static QualityBands Default { get; } = new();

    /// <summary>The intro tier's band.</summary>
    /// <value>Default conversion 0.30–0.45, AUC 0.80–0.90, tree advantage ≥ 0.02.</value>
    public TierBand Intro { get; init; } = new(0.30, 0.45, 0.80, 0.90, 0.02);

    /// <summary>The intermediate tier's band.</summary>
    /// <value>Default conversion 0.18–0.28, AUC 0.72–0.80, tree advantage ≥ 0.02.</value>
    public TierBand Intermediate { get; init; } = new(0.18, 0.28, 0.72, 0.80, 0.02);

    /// <summary>The advanced tier's band.</summary>
    /// <value>Default conversion 0.08–0.15, AUC 0.62–0.70, no tree-advantage requirement.</value>
    public TierBand Advanced { get; init; } = new(0.08, 0.15, 0.62, 0.70, null);

    /// <summary>The largest accepted max − min of the best-baseline ROC-AUC across seeds, per tier.</summary>
    /// <value>Default 0.04.</value>
    public double MaxAucSpread { get; init; } = 0.04;

    /// <summary>The band of a tier.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>Its band.</returns>
    public TierBand For(Difficulty tier) => tier switch
    {
        Difficulty.Intro => Intro,
        Difficulty.Intermediate => Intermediate,
        _ => Advanced,
    };
}
