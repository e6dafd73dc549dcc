namespace LeadForge.Validation;

/// <summary>The cross-seed summary of one tier: medians and max − min spreads.</summary>
public sealed record QualityTierSummary
{
    /// <summary>The tier.</summary>
    public required Difficulty Tier { get; init; }

    /// <summary>The tier's band.</summary>
    public required TierBand Band { get; init; }

    /// <summary>How many seeds were run.</summary>
    public required int Seeds { get; init; }

    /// <summary>Median conversion rate.</summary>
    public required double ConversionMedian { get; init; }

    /// <summary>Lowest conversion rate over seeds.</summary>
    public required double ConversionMin { get; init; }

    /// <summary>Highest conversion rate over seeds.</summary>
    public required double ConversionMax { get; init; }

    /// <summary>Median logistic-regression ROC-AUC.</summary>
    public required double LogisticRegressionAucMedian { get; init; }

    /// <summary>Median FastTree ROC-AUC.</summary>
    public required double FastTreeAucMedian { get; init; }

    /// <summary>Median best-baseline ROC-AUC.</summary>
    public required double BestAucMedian { get; init; }

    /// <summary>Max − min of the best-baseline ROC-AUC across seeds.</summary>
    public required double BestAucSpread { get; init; }

    /// <summary>Median Hanley–McNeil standard error of the best baseline's test ROC-AUC (sampling noise of one seed).</summary>
    public required double BestAucStandardErrorMedian { get; init; }

    /// <summary>Median of the per-seed FastTree − logistic-regression ROC-AUC differences.</summary>
    public required double TreeAdvantageMedian { get; init; }

    /// <summary>Median average precision of the best baseline.</summary>
    public required double AveragePrecisionMedian { get; init; }

    /// <summary>Median Brier score of the best baseline.</summary>
    public required double BrierMedian { get; init; }

    /// <summary>Median calibration max-bin error of the best baseline.</summary>
    public required double CalibrationErrorMedian { get; init; }

    /// <summary>Median lift at 10% of the best baseline.</summary>
    public required double LiftAt10PercentMedian { get; init; }

    /// <summary>Median precision@100 of the best baseline.</summary>
    public required double PrecisionAt100Median { get; init; }

    /// <summary>Median oracle ROC-AUC, if run.</summary>
    public double? OracleAucMedian { get; init; }

    /// <summary>Median cohort-shift degradation, if run.</summary>
    public double? CohortShiftDegradationMedian { get; init; }

    /// <summary>Largest non-trap single-column task AUC over seeds, if probed.</summary>
    public double? MaxTaskColumnAuc { get; init; }

    /// <summary>Largest non-trap relational aggregate AUC over seeds, if probed.</summary>
    public double? MaxRelationalAuc { get; init; }
}

/// <summary>One band check of a <see cref="QualityReport"/>.</summary>
/// <param name="Id">A stable id, e.g. <c>best_auc.intro</c>.</param>
/// <param name="Tier">The tier checked, or <see langword="null"/> for a cross-tier check.</param>
/// <param name="Description">What is checked.</param>
/// <param name="Measured">The measured value (NaN when it could not be measured).</param>
/// <param name="Band">The accepted range in words.</param>
/// <param name="Passed">Whether the measurement lies in the band.</param>
public sealed record QualityCheck(string Id, Difficulty? Tier, string Description, double Measured, string Band, bool Passed);

/// <summary>Progress of a running <see cref="QualityReport"/>.</summary>
/// <param name="Completed">Tier × seed runs finished.</param>
/// <param name="Total">Tier × seed runs in all.</param>
/// <param name="Tier">The tier being run.</param>
/// <param name="Seed">The seed being run.</param>
/// <param name="Step">What is happening, e.g. <c>training baselines</c>.</param>
public sealed record QualityReportProgress(int Completed, int Total, Difficulty Tier, long Seed, string Step);
