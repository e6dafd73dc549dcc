namespace LeadForge.Validation;

/// <summary>The family a validation check belongs to.</summary>
public enum CheckCategory
{
    /// <summary>Keys, types, nullability, file inventory and hashes.</summary>
    Structure,

    /// <summary>Calendar bounds and parent/child time ordering.</summary>
    Time,

    /// <summary>What a bundle of a given exposure mode may contain.</summary>
    Exposure,

    /// <summary>Leakage probes: single columns, relational aggregates, value rules, ids, split overlap.</summary>
    Leakage,

    /// <summary>Plausibility of rates and feature variety.</summary>
    Realism,

    /// <summary>Baseline model performance.</summary>
    Difficulty,

    /// <summary>Distribution shift between splits.</summary>
    Drift,

    /// <summary>Reproducibility of identical runs.</summary>
    Determinism,
}

/// <summary>How much a failed check matters.</summary>
public enum CheckSeverity
{
    /// <summary>Informational; never fails a report.</summary>
    Info,

    /// <summary>Worth a look; never fails a report.</summary>
    Warning,

    /// <summary>A failed check of this severity fails the report.</summary>
    Error,
}

/// <summary>The outcome of one validation check.</summary>
/// <param name="Id">A stable dotted id, e.g. <c>structure.pk_unique.leads</c>.</param>
/// <param name="Category">The check family.</param>
/// <param name="Severity">How much a failure matters.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Measured">The measured value, when the check measures one.</param>
/// <param name="ExpectedBand">The accepted range in words, e.g. <c>≤ 0.80</c>, when there is one.</param>
/// <param name="Message">What was found, naming the table and column concerned.</param>
public sealed record CheckResult(
    string Id,
    CheckCategory Category,
    CheckSeverity Severity,
    bool Passed,
    double? Measured,
    string? ExpectedBand,
    string Message)
{
    /// <summary>Whether this result fails its report (failed with <see cref="CheckSeverity.Error"/>).</summary>
    public bool IsBlocking => !Passed && Severity == CheckSeverity.Error;
}
