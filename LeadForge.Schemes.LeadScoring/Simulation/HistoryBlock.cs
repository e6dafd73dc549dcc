namespace LeadForge.Schemes.LeadScoring.Simulation;

/// <summary>
/// The histories of a run of consecutive leads, stored column by column: per-lead fields in arrays
/// indexed by slot, events of each kind in one buffer with per-slot start offsets. Moments are
/// packed seconds since the lead's creation (<see cref="Moment.PackedSeconds"/>).
/// </summary>
internal sealed class HistoryBlock
{
    public HistoryBlock(int leads)
    {
        StageEntered = new int[leads * LeadHistory.StageCount];
        ClosedAt = new int[leads];
        Outcome = new LeadOutcome[leads];
        LostFromStage = new sbyte[leads];
        Acv = new double[leads];
        ContractTermMonths = new int[leads];
        TouchStart = new int[leads + 1];
        SessionStart = new int[leads + 1];
        ActivityStart = new int[leads + 1];
    }

    public int[] StageEntered { get; }

    public int[] ClosedAt { get; }

    public LeadOutcome[] Outcome { get; }

    /// <summary>The <see cref="FunnelStage"/> each lost lead was lost from; -1 unless lost.</summary>
    public sbyte[] LostFromStage { get; }

    public double[] Acv { get; }

    public int[] ContractTermMonths { get; }

    public int[] TouchStart { get; }

    public int[] SessionStart { get; }

    public int[] ActivityStart { get; }

    /// <summary>The touches of all slots; null once released.</summary>
    public TouchEvent[]? Touches { get; set; } = [];

    /// <summary>The sessions of all slots; null once released.</summary>
    public SessionEvent[]? Sessions { get; set; } = [];

    /// <summary>The activities of all slots; null once released.</summary>
    public ActivityEvent[]? Activities { get; set; } = [];
}

/// <summary>
/// Records the histories of one block lead by lead. Events go to growable scratch buffers that the
/// writer keeps from block to block (one writer per worker), and are copied once, at their exact
/// size, into the finished <see cref="HistoryBlock"/>.
/// </summary>
internal sealed class HistoryBlockWriter
{
    private static readonly Comparison<TouchEvent> TouchOrder = static (a, b) => a.AtSeconds.CompareTo(b.AtSeconds);
    private static readonly Comparison<SessionEvent> SessionOrder = static (a, b) => a.AtSeconds.CompareTo(b.AtSeconds);
    private static readonly Comparison<ActivityEvent> ActivityOrder = static (a, b) => a.AtSeconds.CompareTo(b.AtSeconds);

    private TouchEvent[] _touches = new TouchEvent[1024];
    private SessionEvent[] _sessions = new SessionEvent[1024];
    private ActivityEvent[] _activities = new ActivityEvent[1024];
    private int _touchCount, _sessionCount, _activityCount;
    private HistoryBlock? _block;
    private int _slot;
    private int _stageBase;

    /// <summary>Starts a block of <paramref name="leads"/> leads.</summary>
    public void Start(int leads)
    {
        _block = new HistoryBlock(leads);
        _slot = -1;
        _touchCount = _sessionCount = _activityCount = 0;
    }

    /// <summary>Starts the next lead: no stage entered, open, no deal, no events.</summary>
    public int BeginLead()
    {
        var block = _block!;
        _slot++;
        _stageBase = _slot * LeadHistory.StageCount;
        block.StageEntered.AsSpan(_stageBase, LeadHistory.StageCount).Fill(Moment.Never.PackedSeconds);
        block.ClosedAt[_slot] = Moment.Never.PackedSeconds;
        block.LostFromStage[_slot] = -1;
        block.TouchStart[_slot] = _touchCount;
        block.SessionStart[_slot] = _sessionCount;
        block.ActivityStart[_slot] = _activityCount;
        return _slot;
    }

    public void EnterStage(FunnelStage stage, Moment at) => _block!.StageEntered[_stageBase + (int)stage] = at.PackedSeconds;

    /// <summary>Closes the lead; <paramref name="lostFromStage"/> is the open stage it was lost from (null when won).</summary>
    public void Close(LeadOutcome outcome, Moment at, FunnelStage? lostFromStage)
    {
        _block!.Outcome[_slot] = outcome;
        _block.ClosedAt[_slot] = at.PackedSeconds;
        _block.LostFromStage[_slot] = lostFromStage is { } s ? (sbyte)s : (sbyte)-1;
    }

    public void SetDeal(double acv, int contractTermMonths)
    {
        _block!.Acv[_slot] = acv;
        _block.ContractTermMonths[_slot] = contractTermMonths;
    }

    public void Add(in TouchEvent e)
    {
        if (_touchCount == _touches.Length)
        {
            Array.Resize(ref _touches, _touches.Length * 2);
        }

        _touches[_touchCount++] = e;
    }

    public void Add(in SessionEvent e)
    {
        if (_sessionCount == _sessions.Length)
        {
            Array.Resize(ref _sessions, _sessions.Length * 2);
        }

        _sessions[_sessionCount++] = e;
    }

    public void Add(in ActivityEvent e)
    {
        if (_activityCount == _activities.Length)
        {
            Array.Resize(ref _activities, _activities.Length * 2);
        }

        _activities[_activityCount++] = e;
    }

    /// <summary>
    /// Ends the current lead: sorts each kind of its events by time, with the same (unstable)
    /// introsort and comparisons as <see cref="List{T}.Sort(Comparison{T})"/>, so ties keep the
    /// order they always had.
    /// </summary>
    public void EndLead()
    {
        var block = _block!;
        var start = block.TouchStart[_slot];
        _touches.AsSpan(start, _touchCount - start).Sort(TouchOrder);
        start = block.SessionStart[_slot];
        _sessions.AsSpan(start, _sessionCount - start).Sort(SessionOrder);
        start = block.ActivityStart[_slot];
        _activities.AsSpan(start, _activityCount - start).Sort(ActivityOrder);
    }

    /// <summary>Finishes the block: copies the events out at their exact size.</summary>
    public HistoryBlock Finish()
    {
        var block = _block!;
        var leads = _slot + 1;
        if (leads != block.Outcome.Length)
        {
            throw new InvalidOperationException($"The block was started for {block.Outcome.Length} leads but {leads} were written.");
        }

        block.TouchStart[leads] = _touchCount;
        block.SessionStart[leads] = _sessionCount;
        block.ActivityStart[leads] = _activityCount;
        block.Touches = _touches.AsSpan(0, _touchCount).ToArray();
        block.Sessions = _sessions.AsSpan(0, _sessionCount).ToArray();
        block.Activities = _activities.AsSpan(0, _activityCount).ToArray();
        _block = null;
        return block;
    }
}
