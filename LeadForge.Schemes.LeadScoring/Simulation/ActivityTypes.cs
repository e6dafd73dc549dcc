namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>Which sales activities happen at which funnel stage.</summary>
internal static class ActivityTypes
{
    /// <summary>The outcomes of a call or email that did not connect (drawn uniformly, in this order).</summary>
    public static readonly ActivityOutcome[] NotConnected = [ActivityOutcome.NoAnswer, ActivityOutcome.LeftVoicemail];

    private static readonly ActivityType[] BeforeDemo = [ActivityType.Call, ActivityType.Email];
    private static readonly ActivityType[] FromDemo = [ActivityType.Call, ActivityType.Email, ActivityType.Meeting];

    /// <summary>Whether a rep works the lead at all on a day in <paramref name="stage"/>: in every open stage after mql.</summary>
    public static bool Worked(FunnelStage stage) => stage is >= FunnelStage.Sal and <= FunnelStage.Negotiation;

    /// <summary>The types a day's activity is drawn from (uniformly, in this order): meetings once a demo is scheduled.</summary>
    public static ActivityType[] Daily(FunnelStage stage) => stage >= FunnelStage.DemoScheduled ? FromDemo : BeforeDemo;

    /// <summary>
    /// The activity the rep records at the moment a lead enters <paramref name="stage"/>, if any:
    /// the accepting call, the meeting that sets the demo, the demo, the proposal email.
    /// </summary>
    public static (ActivityType Type, ActivityOutcome Outcome)? ForStageEntry(FunnelStage stage) => stage switch
    {
        FunnelStage.Sal => (ActivityType.Call, ActivityOutcome.Connected),
        FunnelStage.DemoScheduled => (ActivityType.Meeting, ActivityOutcome.MeetingSet),
        FunnelStage.DemoCompleted => (ActivityType.Demo, ActivityOutcome.DemoCompleted),
        FunnelStage.ProposalSent => (ActivityType.Email, ActivityOutcome.ProposalSent),
        _ => null,
    };
}
