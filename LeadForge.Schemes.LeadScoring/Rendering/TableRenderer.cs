using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Renders the simulated world as relational tables, full (instructor) or snapshot-safe (public).
/// Every table is declared once, in its own <see cref="TableDefinition"/> under <c>Rendering/Tables/</c>
/// (the public variants of leads and opportunities follow from their columns' exposure and
/// <see cref="ColumnScope"/>); this class only orchestrates them. The tables with rows per lead are
/// rendered together by <see cref="RowsPerEntity"/> in two passes over the lead histories (not two
/// per table): one counts every table's rows of each lead, the other fills every lead's rows at its
/// offsets into columns allocated at their exact length; both run in parallel chunks of leads, so the
/// result is the same for any degree of parallelism.
/// </summary>
internal sealed class TableRenderer
{
    private readonly LeadScoringSettings _settings;
    private readonly LeadForge.Configuration.GenerationConfig _config;
    private readonly PopulationPlan _plan;
    private readonly HiddenWorld _world;
    private readonly LeadHistory?[] _history;
    private readonly (int Start, int End) _accounts;
    private readonly Action<int, Action<int>> _parallelFor;
    private readonly LeadForge.Calendar.WorldCalendar _calendar;
    private readonly int[] _leads;
    private bool[]? _labels;
    private bool _consume;

    public TableRenderer(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, PopulationPlan plan, HiddenWorld world, LeadHistory?[] history, (int Start, int End) accounts, Action<int, Action<int>> parallelFor)
    {
        _settings = settings;
        _config = config;
        _plan = plan;
        _world = world;
        _history = history;
        _accounts = accounts;
        _parallelFor = parallelFor;
        _calendar = config.Calendar;
        var leads = new List<int>();
        for (var l = 0; l < history.Length; l++)
        {
            if (history[l] is not null)
            {
                leads.Add(l);
            }
        }

        _leads = [.. leads];
    }

    /// <summary>The scheme's settings.</summary>
    public LeadScoringSettings Settings => _settings;

    /// <summary>The population plan.</summary>
    public PopulationPlan Plan => _plan;

    /// <summary>Events at or after this many seconds from a lead's creation are cut: its anchor when snapshot-safe, else none.</summary>
    public long Cut(bool snapshotSafe) => snapshotSafe ? Anchor.TotalSeconds : long.MaxValue;

    public static string LeadId(int l) => EntityId.Format(EntityPrefixes.Lead, l + 1);

    public static string RepId(int r) => EntityId.Format(EntityPrefixes.Rep, r + 1);

    /// <summary>The id number of lead l's opportunity, and of its customer and subscription when won.</summary>
    public static long OpportunityNumber(int l) => ((l + 1) * 10L) + 1;

    /// <summary>The id number of the k-th touch, session or activity of lead l (k &lt; 999).</summary>
    public static long EventNumber(int l, int k) => ((l + 1) * 1000L) + k + 1;

    /// <summary>The largest lead id number.</summary>
    public long LeadMax => Math.Max(_plan.LeadCount, _history.Length);

    /// <summary>The largest account, contact and rep id numbers.</summary>
    public long AccountMax => _plan.AccountCount;

    /// <inheritdoc cref="AccountMax"/>
    public long ContactMax => _plan.ContactCount;

    /// <inheritdoc cref="AccountMax"/>
    public long RepMax => _plan.RepCount;

    /// <summary>The largest stage-event id number (lead l's stage s is <c>(l + 1) * 10 + s</c>).</summary>
    public long StageEventMax => (LeadMax * 10) + LeadHistory.StageCount;

    /// <summary>The largest touch, session, activity or attribution id number (see <see cref="EventNumber"/>).</summary>
    public long EventMax => EventNumber(checked((int)LeadMax - 1), 998);

    /// <summary>The largest opportunity, customer or subscription id number (see <see cref="OpportunityNumber"/>).</summary>
    public long OpportunityMax => OpportunityNumber(checked((int)LeadMax - 1));

    /// <summary>The rendered leads (those with a history, i.e. in this shard), in id order.</summary>
    public ReadOnlySpan<int> RenderedLeads => _leads;

    /// <summary>The label of each rendered lead (see <see cref="RenderedLeads"/>), computed by <see cref="ComputeLabels"/>.</summary>
    public ReadOnlySpan<bool> Labels => _labels ?? throw new InvalidOperationException("Compute the labels first.");

    public DateTime CreatedAt(int l) => _calendar.At(_plan.LeadCreatedDay[l], _plan.LeadCreatedSecond[l]);

    /// <summary>The snapshot cut of a lead: events on relative days before <c>snapshot_day</c>.</summary>
    public Moment Anchor => new(_settings.Tasks.ConvertedWithin90Days.SnapshotDay, 0);

    /// <summary>Computes <see cref="Labels"/> from the histories (in parallel chunks of leads).</summary>
    public void ComputeLabels()
    {
        var labels = new bool[_leads.Length];
        Chunks.Run(_parallelFor, labels.Length, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                labels[i] = IsConverted(_history[_leads[i]]!);
            }
        });
        _labels = labels;
    }

    /// <summary>Renders every table.</summary>
    /// <param name="snapshotSafe">Whether to cut every lead's events at its anchor (student_public).</param>
    /// <param name="consumeHistories">
    /// Whether to clear each lead's entry of the history array once its rows are filled, so the
    /// simulated events are freed while the table columns are being allocated; the histories cannot
    /// be read afterwards (render the task and compute the labels first).
    /// </param>
    public IReadOnlyList<Table> Render(bool snapshotSafe, bool consumeHistories)
    {
        _consume = consumeHistories;
        var tables = new List<Table>
        {
            new AccountsTable(_settings, _plan, _world, _calendar).Render(_accounts, _parallelFor),
            new ContactsTable(_settings, _plan, _world, _calendar).Render(_parallelFor),
            new RepsTable(_settings, _plan).Render(_accounts),
        };
        List<ILeadTable> perLead =
        [
            new LeadsTable(this, snapshotSafe),
            new StageHistoryTable(this, snapshotSafe),
            new EventTable<TouchEvent, TouchColumns>(this, snapshotSafe),
            new EventTable<SessionEvent, SessionColumns>(this, snapshotSafe),
            new EventTable<ActivityEvent, ActivityColumns>(this, snapshotSafe),
            new OpportunitiesTable(this, snapshotSafe),
        ];
        if (!snapshotSafe)
        {
            perLead.Add(new CustomersTable(this));
            perLead.Add(new SubscriptionsTable(this));
            perLead.Add(new AttributionTable(this));
        }

        tables.AddRange(RenderPerLead([.. perLead]));
        return tables;
    }

    public bool IsConverted(LeadHistory h) => h.Outcome == LeadOutcome.Won && h.ClosedAt.Day < _settings.Tasks.ConvertedWithin90Days.LabelWindowDays;

    /// <summary>
    /// Renders the tables with rows per lead (<see cref="RowsPerEntity"/>): counts every table's rows of
    /// each lead in one pass, allocates every column at its exact length, fills them in a second pass.
    /// </summary>
    private Table[] RenderPerLead(ILeadTable[] tables)
    {
        // Tables are allocated and filled one at a time, those reading no events first and those
        // reading touches last; when the histories are consumed, each kind of event is released as
        // soon as no later table reads it, so the largest columns are allocated after the other
        // events are gone. The returned order is the declared one.
        var reads = tables.Select(t => t.Reads).ToArray();
        var order = Enumerable.Range(0, tables.Length).OrderBy(t => FillRank(reads[t])).ToArray();
        var released = EventKinds.None;
        var built = RowsPerEntity.Render(
            _leads.Length,
            i => new LeadEntity(_leads[i], _history[_leads[i]]!, CreatedAt(_leads[i])),
            tables,
            _parallelFor,
            order,
            done =>
            {
                if (!_consume)
                {
                    return;
                }

                var stillRead = EventKinds.None;
                for (var later = done; later < order.Length; later++)
                {
                    stillRead |= reads[order[later]];
                }

                var release = ~stillRead & (EventKinds.Touches | EventKinds.Sessions | EventKinds.Activities) & ~released;
                if (release != EventKinds.None)
                {
                    LeadHistory.ReleaseEvents(_history, release);
                    released |= release;
                }
            });
        if (_consume)
        {
            foreach (var l in _leads)
            {
                _history[l] = null;
            }
        }

        return built;
    }

    private static int FillRank(EventKinds reads) => reads switch
    {
        EventKinds.None => 0,
        EventKinds.Activities => 1,
        EventKinds.Sessions => 2,
        _ => 3,
    };
}
