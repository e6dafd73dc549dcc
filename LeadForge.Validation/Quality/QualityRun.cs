namespace LeadForge.Validation;

/// <summary>The measurements of one tier × seed of a <see cref="QualityReport"/>.</summary>
public sealed record QualityRun
{
    /// <summary>The difficulty tier.</summary>
    public required Difficulty Tier { get; init; }

    /// <summary>The generation seed.</summary>
    public required long Seed { get; init; }

    /// <summary>The world's motif family (from the instructor bundle), or <see langword="null"/> when the oracle was not run.</summary>
    public string? MotifFamily { get; init; }

    /// <summary>The task measured.</summary>
    public required string TaskId { get; init; }

    /// <summary>The label's positive rate over every split of the student_public task.</summary>
    public required double ConversionRate { get; init; }

    /// <summary>The label's positive rate on the test split.</summary>
    public required double TestConversionRate { get; init; }

    /// <summary>Logistic regression trained on train, scored on test (grouped split).</summary>
    public required BaselineResult LogisticRegression { get; init; }

    /// <summary>FastTree trained on train, scored on test (grouped split).</summary>
    public required BaselineResult FastTree { get; init; }

    /// <summary>The better of the two baselines by test ROC-AUC.</summary>
    public BaselineResult Best => FastTree.RocAuc >= LogisticRegression.RocAuc || double.IsNaN(LogisticRegression.RocAuc) ? FastTree : LogisticRegression;

    /// <summary>FastTree minus logistic-regression test ROC-AUC.</summary>
    public double TreeAdvantage => FastTree.RocAuc - LogisticRegression.RocAuc;

    /// <summary>
    /// The Hanley–McNeil standard error of <see cref="Best"/>'s test ROC-AUC: how much the AUC of one
    /// test split of this size and positive rate varies from sampling alone.
    /// </summary>
    public double BestAucStandardError
    {
        get
        {
            var a = Best.RocAuc;
            var positives = Math.Round(TestConversionRate * Best.TestRows);
            var negatives = Best.TestRows - positives;
            if (positives < 1 || negatives < 1 || !double.IsFinite(a))
            {
                return double.NaN;
            }

            var q1 = a / (2 - a);
            var q2 = 2 * a * a / (1 + a);
            var variance = ((a * (1 - a)) + ((positives - 1) * (q1 - (a * a))) + ((negatives - 1) * (q2 - (a * a)))) / (positives * negatives);
            return Math.Sqrt(Math.Max(0, variance));
        }
    }

    /// <summary>The ROC-AUC of the world's true conversion probability over every lead (instructor truth), if run.</summary>
    public double? OracleAuc { get; init; }

    /// <summary>The best baseline's test ROC-AUC when trained on the earliest rows and tested on the latest (temporal split with the task's fractions), if run.</summary>
    public double? TemporalBestAuc { get; init; }

    /// <summary>Cohort-shift degradation: the grouped-split best AUC minus <see cref="TemporalBestAuc"/>, if run.</summary>
    public double? CohortShiftDegradation => TemporalBestAuc is { } t ? Best.RocAuc - t : null;

    /// <summary>The largest single-column ROC-AUC of a non-trap task column on train, if probed.</summary>
    public double? MaxTaskColumnAuc { get; init; }

    /// <summary>The column with <see cref="MaxTaskColumnAuc"/>.</summary>
    public string? MaxTaskColumn { get; init; }

    /// <summary>The largest single-column ROC-AUC of a non-trap relational aggregate joined to the task, if probed.</summary>
    public double? MaxRelationalAuc { get; init; }

    /// <summary>The aggregate with <see cref="MaxRelationalAuc"/>, e.g. <c>sessions.row_count</c>.</summary>
    public string? MaxRelationalFeature { get; init; }

    /// <summary>The largest single-column ROC-AUC of a documented trap column, if probed and the task has traps.</summary>
    public double? MaxTrapAuc { get; init; }
}
