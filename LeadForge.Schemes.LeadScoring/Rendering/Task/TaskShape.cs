using LeadForge.Features;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// What the task table's column domains are made of: the settings (categories, ACV range), the
/// snapshot day (the day-count ranges) and the id ranges. <see cref="SchemaOnly"/> declares the
/// columns without a world, for the feature dictionary's schema.
/// </summary>
/// <param name="Settings">The scheme's settings.</param>
/// <param name="SnapshotDay">The anchor's day after creation.</param>
/// <param name="RepCount">The number of sales reps (the owner categories).</param>
/// <param name="LeadMax">The largest lead number.</param>
/// <param name="AccountMax">The largest account number.</param>
/// <param name="ContactMax">The largest contact number.</param>
internal sealed record TaskShape(LeadScoringSettings Settings, int SnapshotDay, int RepCount, long LeadMax, long AccountMax, long ContactMax)
{
    /// <summary>A shape for declarations only: default settings, no rows.</summary>
    public static TaskShape SchemaOnly { get; } = new(new LeadScoringSettings(), 0, 0, 0, 0, 0);

    /// <summary>Whole days within the snapshot window, [0, snapshot_day].</summary>
    public Distortion DayCount => new(0, SnapshotDay);

    /// <summary>Fractional days before the anchor: [0, snapshot_day], noise and outliers around the window's middle.</summary>
    public Distortion DaysBeforeAnchor => new(0, SnapshotDay, SnapshotDay / 2.0, SnapshotDay / Math.Sqrt(12));

    /// <summary>
    /// An ACV: within the product's range, outliers around the market's average deal size. The scales
    /// come from the recipe rather than from the rendered rows, so a lead's distorted value is the same
    /// in every shard.
    /// </summary>
    public Distortion Acv
    {
        get
        {
            var range = Settings.Narrative.Product.AcvRangeUsd;
            return new(range[0], range[1], Settings.Narrative.Market.AvgDealSizeUsd, (range[1] - range[0]) / 4.0);
        }
    }
}
