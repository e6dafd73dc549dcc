namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>
/// The type of a sales activity; its wire name is the <c>activity_type</c> value. Which types a rep's
/// daily activity draws from depends on the stage (<see cref="ActivityTypes.Daily"/>); stage moves are
/// recorded as activities of their own (<see cref="ActivityTypes.ForStageEntry"/>).
/// </summary>
internal enum ActivityType : byte
{
    /// <summary>A call.</summary>
    Call,

    /// <summary>An email.</summary>
    Email,

    /// <summary>A meeting.</summary>
    Meeting,

    /// <summary>A demo (only recorded when the demo is completed).</summary>
    Demo,
}
