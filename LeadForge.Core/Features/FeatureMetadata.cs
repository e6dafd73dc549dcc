namespace LeadForge.Features;

/// <summary>
/// What the feature dictionary says about a task column besides its schema: the feature's group, the
/// table(s) it is computed from, its time window and whether it leaks or is the label. Declared with
/// the column (<see cref="FeatureTable"/>), so the dictionary never lists a column a second time.
/// </summary>
/// <param name="Category">The feature's group, e.g. <c>account</c>, <c>engagement</c>, <c>target</c>.</param>
/// <param name="SourceTable">The table(s) it is computed from.</param>
/// <param name="Window">The time window, e.g. <c>static</c> or <c>[created, anchor)</c>.</param>
/// <param name="LeakageRisk">Whether the column is (or may be) a leak, e.g. a documented trap.</param>
/// <param name="IsTarget">Whether the column is the label.</param>
public sealed record FeatureMetadata(string Category, string SourceTable, string Window, bool LeakageRisk = false, bool IsTarget = false);
