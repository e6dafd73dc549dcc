using LeadForge.Schemes.LeadScoring.World;

namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>A moment relative to a lead's creation: whole days plus seconds into that day (≥ 1 except the creation itself).</summary>
internal readonly record struct Moment(int Day, int Second) : IComparable<Moment>
{
    private const int SecondsPerDay = 86_400;

    /// <summary>"Never": the day before creation.</summary>
    public static Moment Never => new(-1, 0);

    public long TotalSeconds => (Day * (long)SecondsPerDay) + Second;

    /// <summary>
    /// The moment as seconds since creation in 32 bits, the form histories store. Exact for every
    /// simulated moment: the horizon is at most 3,650 days (about 3.2e8 seconds).
    /// </summary>
    public int PackedSeconds => checked((int)TotalSeconds);

    public int CompareTo(Moment other) => TotalSeconds.CompareTo(other.TotalSeconds);

    public DateTime ToTimestamp(DateTime createdAt) => createdAt.AddTicks(TotalSeconds * TimeSpan.TicksPerSecond);

    /// <summary>The moment whose <see cref="PackedSeconds"/> is <paramref name="seconds"/> (the day is the floor, so <see cref="Never"/> round-trips).</summary>
    public static Moment FromPackedSeconds(int seconds)
    {
        var day = Math.DivRem(seconds, SecondsPerDay, out var second);
        return second < 0 ? new Moment(day - 1, second + SecondsPerDay) : new Moment(day, second);
    }
}

/// <summary>An event with a time: its moment as packed seconds since the lead's creation.</summary>
internal interface ITimedEvent
{
    int AtSeconds { get; }
}

internal readonly struct TouchEvent : ITimedEvent
{
    private readonly int _at;

    public TouchEvent(Moment at, TouchType type, bool inbound, byte channel)
    {
        _at = at.PackedSeconds;
        Type = type;
        Inbound = inbound;
        Channel = channel;
    }

    public Moment At => Moment.FromPackedSeconds(_at);

    public int AtSeconds => _at;

    public TouchType Type { get; }

    public bool Inbound { get; }

    public TouchDirection Direction => Inbound ? TouchDirection.Inbound : TouchDirection.Outbound;

    public byte Channel { get; }
}

internal readonly struct SessionEvent : ITimedEvent
{
    private readonly int _at;

    public SessionEvent(Moment at, SessionType type, short pageViews, short pricingViews, short demoViews, int durationSeconds)
    {
        _at = at.PackedSeconds;
        Type = type;
        PageViews = pageViews;
        PricingViews = pricingViews;
        DemoViews = demoViews;
        DurationSeconds = durationSeconds;
    }

    public Moment At => Moment.FromPackedSeconds(_at);

    public int AtSeconds => _at;

    public SessionType Type { get; }

    public short PageViews { get; }

    public short PricingViews { get; }

    public short DemoViews { get; }

    public int DurationSeconds { get; }
}

internal readonly struct ActivityEvent : ITimedEvent
{
    private readonly int _at;

    public ActivityEvent(Moment at, ActivityType type, ActivityOutcome outcome)
    {
        _at = at.PackedSeconds;
        Type = type;
        Outcome = outcome;
    }

    public Moment At => Moment.FromPackedSeconds(_at);

    public int AtSeconds => _at;

    public ActivityType Type { get; }

    public ActivityOutcome Outcome { get; }
}

/// <summary>Terminal outcome of a lead at the end of the horizon.</summary>
internal enum LeadOutcome : byte
{
    Open,
    Won,
    Lost,
}

/// <summary>The events of one kind of one lead, in time order: a read-only slice of its block's buffer.</summary>
internal readonly struct EventList<T>
    where T : struct
{
    private readonly T[] _items;
    private readonly int _start;

    public EventList(T[] items, int start, int count)
    {
        _items = items;
        _start = start;
        Count = count;
    }

    public int Count { get; }

    public ref readonly T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _items[_start + index];
        }
    }

    public ReadOnlySpan<T> AsSpan() => new(_items, _start, Count);

    public ReadOnlySpan<T>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();
}

/// <summary>When each stage of one lead was entered (<see cref="Moment.Never"/> when never).</summary>
internal readonly struct StageMoments
{
    private readonly int[] _packed;
    private readonly int _start;

    public StageMoments(int[] packed, int start)
    {
        _packed = packed;
        _start = start;
    }

    public int Length => LeadHistory.StageCount;

    public Moment this[FunnelStage stage]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)stage, (uint)LeadHistory.StageCount, nameof(stage));
            return Moment.FromPackedSeconds(_packed[_start + (int)stage]);
        }
    }

    /// <summary>Whether <paramref name="stage"/> was entered before <paramref name="moment"/>.</summary>
    public bool EnteredBefore(FunnelStage stage, Moment moment) => this[stage].Day >= 0 && this[stage].CompareTo(moment) < 0;
}

/// <summary>
/// Everything that happened to one lead during the horizon: a view of the lead's slot in the
/// <see cref="HistoryBlock"/> that holds it and its neighbours, so the events of a million leads are
/// a few thousand arrays rather than millions of lists. A small class rather than a struct: an array
/// of nullable structs would cost 24 bytes for every lead of the plan, also the leads of other shards.
/// </summary>
internal sealed class LeadHistory
{
    /// <summary>The stages whose entry moments are stored: mql … negotiation and closed_won (closed_lost is the close of a lost lead).</summary>
    public const int StageCount = (int)FunnelStage.ClosedWon + 1;

    private readonly HistoryBlock _block;
    private readonly int _slot;

    public LeadHistory(HistoryBlock block, int slot)
    {
        _block = block;
        _slot = slot;
    }

    /// <summary>When each stage was entered (Day −1 when never).</summary>
    public StageMoments StageEntered => new(_block.StageEntered, _slot * StageCount);

    public LeadOutcome Outcome => _block.Outcome[_slot];

    /// <summary>When the lead was won or lost.</summary>
    public Moment ClosedAt => Moment.FromPackedSeconds(_block.ClosedAt[_slot]);

    /// <summary>The open stage the lead was in when lost (null unless lost).</summary>
    public FunnelStage? LostFromStage => _block.LostFromStage[_slot] is var s and >= 0 ? (FunnelStage)s : null;

    /// <exception cref="InvalidOperationException">The touches were released (<see cref="ReleaseEvents"/>).</exception>
    public EventList<TouchEvent> Touches => new(_block.Touches ?? throw Released("touches"), _block.TouchStart[_slot], _block.TouchStart[_slot + 1] - _block.TouchStart[_slot]);

    /// <exception cref="InvalidOperationException">The sessions were released (<see cref="ReleaseEvents"/>).</exception>
    public EventList<SessionEvent> Sessions => new(_block.Sessions ?? throw Released("sessions"), _block.SessionStart[_slot], _block.SessionStart[_slot + 1] - _block.SessionStart[_slot]);

    /// <exception cref="InvalidOperationException">The activities were released (<see cref="ReleaseEvents"/>).</exception>
    public EventList<ActivityEvent> Activities => new(_block.Activities ?? throw Released("activities"), _block.ActivityStart[_slot], _block.ActivityStart[_slot + 1] - _block.ActivityStart[_slot]);

    public bool HasOpportunity => _block.StageEntered[(_slot * StageCount) + (int)FunnelModel.OpportunityStage] >= 0;

    public Moment OpportunityCreated => StageEntered[FunnelModel.OpportunityStage];

    public double Acv => _block.Acv[_slot];

    public int ContractTermMonths => _block.ContractTermMonths[_slot];

    /// <summary>The furthest stage entered (mql … closed_won; a lost lead's furthest open stage).</summary>
    public FunnelStage MaxStage
    {
        get
        {
            var max = FunnelStage.Mql;
            var stages = _block.StageEntered.AsSpan(_slot * StageCount, StageCount);
            for (var s = 0; s < StageCount; s++)
            {
                if (stages[s] >= 0)
                {
                    max = (FunnelStage)s;
                }
            }

            return max;
        }
    }

    /// <summary>
    /// Drops the events of <paramref name="kinds"/> of every given history (and of the other leads
    /// in their blocks) once nothing will read them again, so a renderer can free them as it goes.
    /// Reading released events afterwards throws instead of seeing none.
    /// </summary>
    public static void ReleaseEvents(ReadOnlySpan<LeadHistory?> histories, EventKinds kinds)
    {
        HistoryBlock? last = null;
        foreach (var h in histories)
        {
            if (h is null || ReferenceEquals(h._block, last))
            {
                continue;
            }

            last = h._block;
            if (kinds.HasFlag(EventKinds.Touches))
            {
                last.Touches = null;
            }

            if (kinds.HasFlag(EventKinds.Sessions))
            {
                last.Sessions = null;
            }

            if (kinds.HasFlag(EventKinds.Activities))
            {
                last.Activities = null;
            }
        }
    }

    private static InvalidOperationException Released(string kind) => new($"The {kind} of this lead's history were released after they were rendered.");

    /// <summary>The stage the lead is in at a moment (closed_lost from the moment a lost lead closed).</summary>
    public FunnelStage StageAt(Moment at)
    {
        if (Outcome == LeadOutcome.Lost && ClosedAt.CompareTo(at) <= 0)
        {
            return FunnelStage.ClosedLost;
        }

        var stage = FunnelStage.Mql;
        var stages = _block.StageEntered.AsSpan(_slot * StageCount, StageCount);
        var seconds = at.TotalSeconds;
        for (var s = 0; s < StageCount; s++)
        {
            if (stages[s] >= 0 && stages[s] <= seconds)
            {
                stage = (FunnelStage)s;
            }
        }

        return stage;
    }
}

/// <summary>Kinds of history events, for <see cref="LeadHistory.ReleaseEvents"/>.</summary>
[Flags]
internal enum EventKinds
{
    None = 0,
    Touches = 1,
    Sessions = 2,
    Activities = 4,
}
