namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>The exposure policy of the relational tables (issue 12 point 6): what a student_public bundle must not hold, and why.</summary>
internal static class ExposureReasons
{
    /// <summary>A column that gives the conversion label away.</summary>
    public const string Label = "reveals the conversion label";

    /// <summary>A column of the lead's funnel state at the end of the horizon, after the snapshot.</summary>
    public const string EndOfHorizon = "is the funnel state at the end of the horizon, after the snapshot, so it reveals the label";

    /// <summary>A table whose rows exist only for won leads.</summary>
    public const string PostConversion = "exists only for won leads, so its presence reveals the label";
}
