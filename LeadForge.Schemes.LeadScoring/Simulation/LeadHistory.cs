namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>A moment relative to a lead's creation: whole days plus seconds into that day (≥ 1 except the creation itself).</summary>
internal readonly record struct Moment(int Day, int Second) : IComparable<Moment>
{
    public long TotalSeconds => (Day * 86_400L) + Second;

    public int CompareTo(Moment other) => TotalSeconds.CompareTo(other.TotalSeconds);

    public DateTime ToTimestamp(DateTime createdAt) => createdAt.AddTicks(TotalSeconds * TimeSpan.TicksPerSecond);
}

internal readonly record struct TouchEvent(Moment At, byte Type, bool Inbound, byte Channel);

internal readonly record struct SessionEvent(Moment At, byte Type, short PageViews, short PricingViews, short DemoViews, int DurationSeconds);

internal readonly record struct ActivityEvent(Moment At, byte Type, byte Outcome);

/// <summary>Terminal outcome of a lead at the end of the horizon.</summary>
internal enum LeadOutcome : byte
{
    Open,
    Won,
    Lost,
}

/// <summary>Everything that happened to one lead during the horizon.</summary>
internal sealed class LeadHistory
{
    public const int StageCount = 8; // mql … negotiation, closed_won (closed_lost recorded separately)

    public LeadHistory()
    {
        for (var i = 0; i < StageEntered.Length; i++)
        {
            StageEntered[i] = new Moment(-1, 0);
        }
    }

    /// <summary>When each stage was entered (Day −1 when never).</summary>
    public Moment[] StageEntered { get; } = new Moment[StageCount];

    public LeadOutcome Outcome { get; set; }

    /// <summary>When the lead was won or lost.</summary>
    public Moment ClosedAt { get; set; } = new(-1, 0);

    /// <summary>The open stage the lead was in when lost.</summary>
    public int LostFromStage { get; set; } = -1;

    public List<TouchEvent> Touches { get; } = [];

    public List<SessionEvent> Sessions { get; } = [];

    public List<ActivityEvent> Activities { get; } = [];

    public bool HasOpportunity => StageEntered[2].Day >= 0;

    public Moment OpportunityCreated => StageEntered[2];

    public double Acv { get; set; }

    public int ContractTermMonths { get; set; }

    /// <summary>The highest stage index reached (0 = mql … 7 = closed_won).</summary>
    public int MaxStage
    {
        get
        {
            var max = 0;
            for (var s = 0; s < StageCount; s++)
            {
                if (StageEntered[s].Day >= 0)
                {
                    max = s;
                }
            }

            return max;
        }
    }

    /// <summary>The stage index (0–7, or 8 for closed_lost) at a moment.</summary>
    public int StageAt(Moment at)
    {
        if (Outcome == LeadOutcome.Lost && ClosedAt.CompareTo(at) <= 0)
        {
            return 8;
        }

        var stage = 0;
        for (var s = 0; s < StageCount; s++)
        {
            if (StageEntered[s].Day >= 0 && StageEntered[s].CompareTo(at) <= 0)
            {
                stage = s;
            }
        }

        return stage;
    }
}
