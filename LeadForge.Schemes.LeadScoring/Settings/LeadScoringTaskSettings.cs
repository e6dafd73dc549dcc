using LeadForge.Configuration;

namespace LeadForge.Schemes.LeadScoring;

/// <summary>The <c>tasks</c> section of a lead-scoring recipe: one entry per task the scheme declares.</summary>
public sealed class LeadScoringTaskSettings
{
    /// <summary>
    /// The <c>converted_within_90_days</c> snapshot task: each lead anchored <c>snapshot_day</c> days
    /// after its creation, labelled by closed_won within <c>label_window_days</c>.
    /// </summary>
    /// <value>Snapshot day 30, label window 90 days, grouped-stratified 0.7 / 0.15 / 0.15 split by default.</value>
    [ConfigKey("converted_within_90_days")]
    public SnapshotTaskSettings ConvertedWithin90Days { get; init; } = new();
}
