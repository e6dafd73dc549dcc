namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>The outcome of a sales activity; its wire name is the <c>activity_outcome</c> value.</summary>
internal enum ActivityOutcome : byte
{
    /// <summary>The rep reached the lead (every meeting; a call or email that connected).</summary>
    Connected,

    /// <summary>A call or email that did not connect, without a message.</summary>
    NoAnswer,

    /// <summary>A call or email that did not connect, with a message.</summary>
    LeftVoicemail,

    /// <summary>The meeting that scheduled the demo (entering demo_scheduled).</summary>
    MeetingSet,

    /// <summary>The demo itself (entering demo_completed).</summary>
    DemoCompleted,

    /// <summary>The email that sent the proposal (entering proposal_sent).</summary>
    ProposalSent,
}
