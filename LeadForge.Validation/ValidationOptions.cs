using System.Text.RegularExpressions;

namespace LeadForge.Validation;

/// <summary>
/// Thresholds and scheme-specific facts for <see cref="BundleValidator"/>. Every check is keyed on
/// schemas and manifests; the exposure policy (which tables and columns are instructor-only) is read
/// from the bundle, not from these options.
/// </summary>
public sealed class ValidationOptions
{
    /// <summary>Single-column (folded) ROC-AUC above which a non-trap column is a leak.</summary>
    /// <value>Default 0.80.</value>
    public double LeakageAucThreshold { get; init; } = 0.80;

    /// <summary>
    /// How sure a leakage probe must be that a column's AUC is above <see cref="LeakageAucThreshold"/>: a
    /// column is a leak only when the one-sided p-value of its AUC against the threshold (Hanley–McNeil
    /// standard error for its positive and negative counts) is below this, so a 700-row bundle whose
    /// column scores 0.83 by chance is not flagged while 0.97 on the same rows, or 0.85 on 5,000, is.
    /// </summary>
    public double LeakageSignificance { get; init; } = 0.01;

    /// <summary>The minimum row count for a categorical value to be subject to the positive-rate band.</summary>
    /// <value>Default 50.</value>
    public int ValueRuleMinRows { get; init; } = 50;

    /// <summary>The band a frequent categorical value's positive rate must lie in.</summary>
    /// <value>Default (0.02, 0.98).</value>
    public (double Low, double High) ValueRuleBand { get; init; } = (0.02, 0.98);

    /// <summary>
    /// How sure the value rule must be that a rate is outside <see cref="ValueRuleBand"/>: a value fails
    /// only when its positive count is this unlikely (one-sided binomial tail) for a true rate at the
    /// band's edge, so 1 positive in 51 rows (0.0196, entirely plausible at 0.02) is not a leak while
    /// 0 in 300 is.
    /// </summary>
    /// <value>Default 0.05.</value>
    public double ValueRuleSignificance { get; init; } = 0.05;

    /// <summary>The largest accepted |AUC − 0.5| of a hashed id column (widened for tiny samples; see the check message).</summary>
    /// <value>Default 0.10.</value>
    public double IdOnlyMaxDeviation { get; init; } = 0.10;

    /// <summary>PSI above which a train/test feature shift is flagged.</summary>
    /// <value>Default 0.2.</value>
    public double PsiFlag { get; init; } = 0.2;

    /// <summary>Two-sample KS statistic above which a train/test feature shift is flagged.</summary>
    /// <value>Default 0.15.</value>
    public double KsFlag { get; init; } = 0.15;

    /// <summary>
    /// Columns exempt from leakage failures (reported, never failing). <see langword="null"/> uses
    /// each task's <see cref="TaskManifest.DocumentedTraps"/>; relational aggregates are matched by column
    /// name or <c>table.column</c>.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public IReadOnlyList<string>? DocumentedTraps { get; init; }

    /// <summary>The accepted positive rate of each task's label (all splits), if checked.</summary>
    /// <value>Default <see langword="null"/> (not checked).</value>
    public (double Low, double High)? ExpectedConversionBand { get; init; }

    /// <summary>The accepted ROC-AUC of the best baseline on the test split, if checked.</summary>
    /// <value>Default <see langword="null"/> (reported only).</value>
    public (double Low, double High)? ExpectedAucBand { get; init; }

    /// <summary>Whether to train the ML.NET baselines (the slowest part of validation).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RunBaselines { get; init; } = true;

    /// <summary>Columns whose names match are identifiers (excluded from features, probed as ids).</summary>
    /// <value>Default: names ending in <c>_id</c>.</value>
    public Regex IdColumnPattern { get; init; } = new("_id$", RegexOptions.CultureInvariant);

    /// <summary>Further columns treated as identifiers besides <see cref="IdColumnPattern"/>.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> IdColumns { get; init; } = [];

    /// <summary>The seed of model training (decoupled from the data seed).</summary>
    /// <value>Default 0.</value>
    public int Seed { get; init; }

    /// <summary>
    /// Tables banned from student_public bundles in addition to the bundle's own policy (the tables its
    /// manifest marks <c>instructor_only</c>, declared by the scheme's schemas).
    /// </summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> BannedPublicTables { get; init; } = [];

    /// <summary>
    /// Columns banned from every student_public relational table and task split (a task may hold its own
    /// label) in addition to the columns the manifest marks <c>instructor_only</c>.
    /// </summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<string> BannedPublicColumns { get; init; } = [];

    /// <summary>An instructor bundle of the same world; when given, a public bundle must be a subset of it (tables, tasks, columns).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public WorldBundle? ReferenceInstructorBundle { get; init; }

    /// <summary>The most distinct values of one categorical column expanded into per-value counts by the relational probe.</summary>
    /// <value>Default 30.</value>
    public int RelationalMaxValuesPerColumn { get; init; } = 30;

    /// <summary>Checks a scheme contributes; they run after the built-in checks, in this order.</summary>
    /// <value>Default empty.</value>
    public IReadOnlyList<Checks.IBundleCheck> Checks { get; init; } = [];

    internal bool IsIdColumn(string column) => IdColumnPattern.IsMatch(column) || IdColumns.Contains(column, StringComparer.Ordinal);
}
