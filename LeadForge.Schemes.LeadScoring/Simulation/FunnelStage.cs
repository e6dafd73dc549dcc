namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>
/// A stage of the lead funnel, in funnel order. A lead enters <see cref="Mql"/> at creation and moves
/// one stage at a time through the open stages (<see cref="Mql"/> … <see cref="Negotiation"/>) to
/// <see cref="ClosedWon"/>, or is lost from any open stage (<see cref="ClosedLost"/>). The wire name
/// (<see cref="WireNames.ToWire{TEnum}(TEnum)"/>) is the value written to the tables, e.g.
/// <c>demo_scheduled</c>; the numeric value indexes the per-stage hazards and stage moments.
/// </summary>
internal enum FunnelStage : byte
{
    /// <summary>Marketing-qualified: every lead's first stage.</summary>
    Mql,

    /// <summary>Sales-accepted.</summary>
    Sal,

    /// <summary>Sales-qualified: entering it opens the lead's opportunity.</summary>
    Sql,

    /// <summary>A demo was scheduled.</summary>
    DemoScheduled,

    /// <summary>The demo was held.</summary>
    DemoCompleted,

    /// <summary>A proposal was sent.</summary>
    ProposalSent,

    /// <summary>Negotiation: the last open stage.</summary>
    Negotiation,

    /// <summary>Won.</summary>
    ClosedWon,

    /// <summary>Lost (from any open stage); not a stage the funnel advances to.</summary>
    ClosedLost,
}
