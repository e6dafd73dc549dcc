using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Renders the simulated world as relational tables, full (instructor) or snapshot-safe (public).
/// Columns are filled directly as typed arrays (entity-id numbers, category codes, values). The
/// tables with rows per lead are rendered together in two passes over the lead histories (not two
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
        List<LeadRows> perLead =
        [
            new LeadsRows(this, snapshotSafe),
            new StageRows(this, snapshotSafe),
            new EventRows<TouchEvent, TouchColumns>(this, snapshotSafe, Schemas.Touches, EntityPrefixes.Touch, "touch_timestamp", new TouchColumns(_settings)),
            new EventRows<SessionEvent, SessionColumns>(this, snapshotSafe, Schemas.Sessions, EntityPrefixes.Session, "session_timestamp", new SessionColumns()),
            new EventRows<ActivityEvent, ActivityColumns>(this, snapshotSafe, Schemas.Activities, EntityPrefixes.Activity, "activity_timestamp", new ActivityColumns(_plan)),
            new OpportunityRows(this, snapshotSafe),
        ];
        if (!snapshotSafe)
        {
            perLead.Add(new CustomerRows(this));
            perLead.Add(new SubscriptionRows(this));
            perLead.Add(new AttributionRows(this));
        }

        tables.AddRange(RenderPerLead([.. perLead]));
        return tables;
    }

    public static readonly TableSchema PublicLeadsSchema = Schemas.Leads.Select(c => c.Name is not ("current_stage" or "is_sql" or "converted_within_90_days" or "conversion_timestamp"));

    public static readonly TableSchema PublicOpportunitiesSchema = Schemas.Opportunities.Select(c => c.Name is not ("close_outcome" or "closed_at"));

    public bool IsConverted(LeadHistory h) => h.Outcome == LeadOutcome.Won && h.ClosedAt.Day < _settings.Tasks.ConvertedWithin90Days.LabelWindowDays;

    /// <summary>
    /// Renders the tables with rows per lead: counts every table's rows of each lead (and the
    /// labels) in one pass, allocates every column at its exact length, fills them in a second pass.
    /// </summary>
    private Table[] RenderPerLead(LeadRows[] tables)
    {
        var n = _leads.Length;
        var offsets = new int[tables.Length][];
        for (var t = 0; t < offsets.Length; t++)
        {
            offsets[t] = new int[n + 1];
        }

        Chunks.Run(_parallelFor, n, (from, to) => CountRows(tables, offsets, from, to));
        for (var t = 0; t < offsets.Length; t++)
        {
            var o = offsets[t];
            for (var i = 0; i < n; i++)
            {
                o[i + 1] = checked(o[i + 1] + o[i]);
            }
        }

        // Tables are allocated and filled one at a time, those reading no events first and those
        // reading touches last; when the histories are consumed, each kind of event is released as
        // soon as no later table reads it, so the largest columns are allocated after the other
        // events are gone. The returned order is the declared one.
        var order = Enumerable.Range(0, tables.Length).OrderBy(t => FillRank(tables[t].Reads)).ToArray();
        var built = new Table[tables.Length];
        var released = EventKinds.None;
        for (var k = 0; k < order.Length; k++)
        {
            var t = order[k];
            var table = tables[t];
            var o = offsets[t];
            table.Allocate(o[n]);
            Chunks.Run(_parallelFor, n, (from, to) => FillRows(table, o, from, to));
            built[t] = table.Build(_parallelFor);
            tables[t] = null!;
            if (_consume)
            {
                var stillRead = EventKinds.None;
                for (var later = k + 1; later < order.Length; later++)
                {
                    stillRead |= tables[order[later]].Reads;
                }

                var release = ~stillRead & (EventKinds.Touches | EventKinds.Sessions | EventKinds.Activities) & ~released;
                if (release != EventKinds.None)
                {
                    LeadHistory.ReleaseEvents(_history, release);
                    released |= release;
                }
            }
        }

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

    /// <summary>Counts the rows of leads [from, to) in every table (row counts at offsets[t][i + 1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountRows(LeadRows[] tables, int[][] offsets, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var h = _history[_leads[i]]!;
            for (var t = 0; t < offsets.Length; t++)
            {
                offsets[t][i + 1] = tables[t].Count(h);
            }
        }
    }

    /// <summary>Fills the rows of leads [from, to) in one table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FillRows(LeadRows table, int[] o, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (o[i + 1] > o[i])
            {
                var l = _leads[i];
                table.Fill(l, _history[l]!, CreatedAt(l), o[i]);
            }
        }
    }

    /// <summary>
    /// A table with rows per lead, filled in lead order. <see cref="Count"/> and <see cref="Fill"/> run
    /// once per lead and table, a handful of times per process, so they are compiled fully optimised
    /// at once instead of starting in the unoptimised tier.
    /// </summary>
    private abstract class LeadRows(TableRenderer renderer, TableSchema schema, TableSchema? full = null)
    {
        protected TableRenderer Renderer { get; } = renderer;

        protected PopulationPlan Plan => Renderer._plan;

        /// <summary>Events at or after this many seconds from creation are cut (the anchor when snapshot-safe, else none).</summary>
        protected static long Cut(TableRenderer renderer, bool snapshotSafe) => snapshotSafe ? renderer.Anchor.TotalSeconds : long.MaxValue;

        /// <summary>How many of a lead's events (the first 999) happen before <paramref name="cut"/> seconds from its creation.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected static int CountBefore<T>(EventList<T> events, long cut)
            where T : struct, ITimedEvent
        {
            var rows = 0;
            for (var k = 0; k < events.Count && k < 999; k++)
            {
                rows += events[k].AtSeconds < cut ? 1 : 0;
            }

            return rows;
        }

        /// <summary>The kinds of history events this table reads.</summary>
        public virtual EventKinds Reads => EventKinds.None;

        /// <summary>The lead's rows in this table.</summary>
        public abstract int Count(LeadHistory h);

        /// <summary>Allocates the columns for this many rows.</summary>
        public abstract void Allocate(int rows);

        /// <summary>Writes the lead's rows from <paramref name="row"/> on (exactly <see cref="Count"/> of them).</summary>
        public abstract void Fill(int l, LeadHistory h, DateTime created, int row);

        /// <summary>Declares the columns.</summary>
        protected abstract void Declare(ColumnSet set);

        public Table Build(Action<int, Action<int>> parallelFor)
        {
            var set = new ColumnSet(schema, full);
            Declare(set);
            return set.Build(parallelFor);
        }
    }

    private sealed class LeadsRows(TableRenderer renderer, bool snapshotSafe) : LeadRows(renderer, snapshotSafe ? PublicLeadsSchema : Schemas.Leads, Schemas.Leads)
    {
        private static readonly Moment End = new(int.MaxValue / 100_000, 0);
        private readonly Categories _channels = Categories.Of(renderer._settings.Narrative.Channels, c => c.Name);
        private readonly Categories _stages = Categories.OfEnum<FunnelStage>();
        private IdBuffer _ids = IdBuffer.Empty, _contacts = IdBuffer.Empty, _accounts = IdBuffer.Empty, _reps = IdBuffer.Empty;
        private DateTime[] _created = [], _conversion = [];
        private CodeBuffer _source = CodeBuffer.Empty, _stage = CodeBuffer.Empty;
        private bool[] _isSql = [], _converted = [], _notConverted = [];

        public override int Count(LeadHistory h) => 1;

        public override void Allocate(int rows)
        {
            _ids = new IdBuffer(rows, Renderer.LeadMax);
            _contacts = new IdBuffer(rows, Renderer.ContactMax);
            _accounts = new IdBuffer(rows, Renderer.AccountMax);
            _created = new DateTime[rows];
            _source = new CodeBuffer(rows, _channels);
            _reps = new IdBuffer(rows, Renderer.RepMax);
            if (!snapshotSafe)
            {
                _stage = new CodeBuffer(rows, _stages);
                _isSql = new bool[rows];
                _converted = new bool[rows];
                _conversion = new DateTime[rows];
                _notConverted = new bool[rows];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Fill(int l, LeadHistory h, DateTime created, int row)
        {
            _ids.Set(row, l + 1);
            _contacts.Set(row, Plan.LeadContact[l] + 1);
            _accounts.Set(row, Plan.LeadAccount[l] + 1);
            _created[row] = created;
            _source.Set(row, _channels.CodeOf[Plan.LeadChannel[l]]);
            _reps.Set(row, Plan.LeadRep[l] + 1);
            if (!snapshotSafe)
            {
                _stage.Set(row, _stages.CodeOf[(int)h.StageAt(End)]);
                _isSql[row] = h.MaxStage >= FunnelModel.OpportunityStage;
                _converted[row] = Renderer.IsConverted(h);
                if (h.Outcome == LeadOutcome.Won)
                {
                    _conversion[row] = h.ClosedAt.ToTimestamp(created);
                }
                else
                {
                    _notConverted[row] = true;
                }
            }
        }

        protected override void Declare(ColumnSet set)
        {
            set.Ids("lead_id", EntityPrefixes.Lead, _ids);
            set.Ids("contact_id", EntityPrefixes.Contact, _contacts);
            set.Ids("account_id", EntityPrefixes.Account, _accounts);
            set.Values("lead_created_at", _created);
            set.Codes("lead_source", _channels, _source);
            set.Codes("first_touch_channel", _channels, _source.Clone());
            set.Ids("owner_rep_id", EntityPrefixes.Rep, _reps);
            set.Codes("current_stage", _stages, _stage);
            set.Values("is_sql", _isSql);
            set.Values("converted_within_90_days", _converted);
            set.Values("conversion_timestamp", _conversion, _notConverted);
        }
    }

    /// <summary>Stage entries in stage order, then closed_lost for a lost lead.</summary>
    private sealed class StageRows(TableRenderer renderer, bool snapshotSafe) : LeadRows(renderer, Schemas.StageHistory)
    {
        private readonly long _cut = Cut(renderer, snapshotSafe);
        private IdBuffer _eventIds = IdBuffer.Empty, _leadIds = IdBuffer.Empty;
        private static readonly Categories Stages = Categories.OfEnum<FunnelStage>();
        private CodeBuffer _stage = CodeBuffer.Empty;
        private DateTime[] _enteredAt = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override int Count(LeadHistory h)
        {
            var rows = 0;
            for (var s = FunnelStage.Mql; s <= FunnelStage.ClosedWon; s++)
            {
                rows += h.StageEntered[s].Day >= 0 && h.StageEntered[s].TotalSeconds < _cut ? 1 : 0;
            }

            return rows + (h.Outcome == LeadOutcome.Lost && h.ClosedAt.TotalSeconds < _cut ? 1 : 0);
        }

        public override void Allocate(int rows)
        {
            _eventIds = new IdBuffer(rows, Renderer.StageEventMax);
            _leadIds = new IdBuffer(rows, Renderer.LeadMax);
            _stage = new CodeBuffer(rows, Stages);
            _enteredAt = new DateTime[rows];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Fill(int l, LeadHistory h, DateTime created, int row)
        {
            for (var s = FunnelStage.Mql; s <= FunnelStage.ClosedLost; s++)
            {
                var at = s != FunnelStage.ClosedLost ? h.StageEntered[s] : h.ClosedAt;
                var entered = s != FunnelStage.ClosedLost ? at.Day >= 0 : h.Outcome == LeadOutcome.Lost;
                if (!entered || at.TotalSeconds >= _cut)
                {
                    continue;
                }

                _eventIds.Set(row, ((l + 1) * 10L) + (int)s);
                _leadIds.Set(row, l + 1);
                _stage.Set(row, (int)s);
                _enteredAt[row] = at.ToTimestamp(created);
                row++;
            }
        }

        protected override void Declare(ColumnSet set)
        {
            set.Ids("stage_event_id", EntityPrefixes.StageEvent, _eventIds);
            set.Ids("lead_id", EntityPrefixes.Lead, _leadIds);
            set.Codes("stage", Stages, _stage);
            set.Values("entered_at", _enteredAt);
        }
    }

    /// <summary>
    /// An event table: one row per event of one kind (the first 999 of a lead, before the cut), with
    /// the event's id, its lead and its time; <typeparamref name="TColumns"/> adds the kind's own columns.
    /// The columns are a struct type argument, so their per-row calls are specialised and inlined, not
    /// dispatched through delegates or interfaces.
    /// </summary>
    private sealed class EventRows<TEvent, TColumns>(TableRenderer renderer, bool snapshotSafe, TableSchema schema, string idPrefix, string timeColumn, TColumns columns) : LeadRows(renderer, schema)
        where TEvent : struct, ITimedEvent
        where TColumns : struct, IEventColumns<TEvent>
    {
        private readonly long _cut = Cut(renderer, snapshotSafe);
        private readonly string _idColumn = schema.Columns[0].Name;
        private TColumns _columns = columns;
        private IdBuffer _eventIds = IdBuffer.Empty, _leadIds = IdBuffer.Empty;
        private DateTime[] _at = [];

        public override EventKinds Reads => _columns.Kind;

        public override int Count(LeadHistory h) => CountBefore(_columns.Events(h), _cut);

        public override void Allocate(int rows)
        {
            _eventIds = new IdBuffer(rows, Renderer.EventMax);
            _leadIds = new IdBuffer(rows, Renderer.LeadMax);
            _at = new DateTime[rows];
            _columns.Allocate(Renderer, rows);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Fill(int l, LeadHistory h, DateTime created, int row)
        {
            var events = _columns.Events(h);
            for (var k = 0; k < events.Count && k < 999; k++)
            {
                ref readonly var e = ref events[k];
                if (e.AtSeconds >= _cut)
                {
                    continue;
                }

                _eventIds.Set(row, EventNumber(l, k));
                _leadIds.Set(row, l + 1);
                _at[row] = Moment.FromPackedSeconds(e.AtSeconds).ToTimestamp(created);
                _columns.Fill(row, l, e);
                row++;
            }
        }

        protected override void Declare(ColumnSet set)
        {
            set.Ids(_idColumn, idPrefix, _eventIds);
            set.Ids("lead_id", EntityPrefixes.Lead, _leadIds);
            set.Values(timeColumn, _at);
            _columns.Declare(set);
        }
    }

    /// <summary>The columns of an event table beyond its id, lead and time (see <see cref="EventRows{TEvent, TColumns}"/>).</summary>
    private interface IEventColumns<TEvent>
        where TEvent : struct, ITimedEvent
    {
        /// <summary>The kind of events the table reads.</summary>
        EventKinds Kind { get; }

        /// <summary>A lead's events of this kind.</summary>
        EventList<TEvent> Events(LeadHistory h);

        void Allocate(TableRenderer renderer, int rows);

        /// <summary>Writes the event's own columns at <paramref name="row"/>.</summary>
        void Fill(int row, int l, in TEvent e);

        void Declare(ColumnSet set);
    }

    /// <summary>Touches: type, channel (inbound touches carry inbound_marketing), direction.</summary>
    private struct TouchColumns : IEventColumns<TouchEvent>
    {
        private static readonly Categories Types = Categories.OfEnum<TouchType>();
        private static readonly Categories Directions = Categories.OfEnum<TouchDirection>();
        private readonly Categories _channels;
        private readonly int _inbound;
        private CodeBuffer _type, _channel, _direction;

        public TouchColumns(LeadScoringSettings settings)
        {
            var names = settings.Narrative.Channels.Select(c => c.Name).ToList();
            _inbound = names.IndexOf("inbound_marketing");
            if (_inbound < 0)
            {
                _inbound = names.Count;
                names.Add("inbound_marketing");
            }

            _channels = Categories.Of(names);
            _type = _channel = _direction = CodeBuffer.Empty;
        }

        public readonly EventKinds Kind => EventKinds.Touches;

        public readonly EventList<TouchEvent> Events(LeadHistory h) => h.Touches;

        public void Allocate(TableRenderer renderer, int rows)
        {
            _type = new CodeBuffer(rows, Types);
            _channel = new CodeBuffer(rows, _channels);
            _direction = new CodeBuffer(rows, Directions);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Fill(int row, int l, in TouchEvent e)
        {
            _type.Set(row, (int)e.Type);
            _channel.Set(row, _channels.CodeOf[e.Channel == 255 ? _inbound : e.Channel]);
            _direction.Set(row, (int)e.Direction);
        }

        public readonly void Declare(ColumnSet set)
        {
            set.Codes("touch_type", Types, _type);
            set.Codes("touch_channel", _channels, _channel);
            set.Codes("touch_direction", Directions, _direction);
        }
    }

    /// <summary>Web sessions: type, page views, pricing and demo page views, duration.</summary>
    private struct SessionColumns : IEventColumns<SessionEvent>
    {
        private static readonly Categories Types = Categories.OfEnum<SessionType>();
        private CodeBuffer _type;
        private int[] _pageViews, _pricingViews, _demoViews, _duration;

        public SessionColumns()
        {
            _type = CodeBuffer.Empty;
            _pageViews = _pricingViews = _demoViews = _duration = [];
        }

        public readonly EventKinds Kind => EventKinds.Sessions;

        public readonly EventList<SessionEvent> Events(LeadHistory h) => h.Sessions;

        public void Allocate(TableRenderer renderer, int rows)
        {
            _type = new CodeBuffer(rows, Types);
            _pageViews = new int[rows];
            _pricingViews = new int[rows];
            _demoViews = new int[rows];
            _duration = new int[rows];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Fill(int row, int l, in SessionEvent e)
        {
            _type.Set(row, (int)e.Type);
            _pageViews[row] = e.PageViews;
            _pricingViews[row] = e.PricingViews;
            _demoViews[row] = e.DemoViews;
            _duration[row] = e.DurationSeconds;
        }

        public readonly void Declare(ColumnSet set)
        {
            set.Codes("session_type", Types, _type);
            set.Values("page_views", _pageViews);
            set.Values("pricing_page_views", _pricingViews);
            set.Values("demo_page_views", _demoViews);
            set.Values("session_duration_seconds", _duration);
        }
    }

    /// <summary>Sales activities: the lead's owner, type, outcome.</summary>
    private struct ActivityColumns(PopulationPlan plan) : IEventColumns<ActivityEvent>
    {
        private static readonly Categories Types = Categories.OfEnum<ActivityType>();
        private static readonly Categories Outcomes = Categories.OfEnum<ActivityOutcome>();
        private readonly PopulationPlan _plan = plan;
        private IdBuffer _repIds = IdBuffer.Empty;
        private CodeBuffer _type = CodeBuffer.Empty, _outcome = CodeBuffer.Empty;

        public readonly EventKinds Kind => EventKinds.Activities;

        public readonly EventList<ActivityEvent> Events(LeadHistory h) => h.Activities;

        public void Allocate(TableRenderer renderer, int rows)
        {
            _repIds = new IdBuffer(rows, renderer.RepMax);
            _type = new CodeBuffer(rows, Types);
            _outcome = new CodeBuffer(rows, Outcomes);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Fill(int row, int l, in ActivityEvent e)
        {
            _repIds.Set(row, _plan.LeadRep[l] + 1);
            _type.Set(row, (int)e.Type);
            _outcome.Set(row, (int)e.Outcome);
        }

        public readonly void Declare(ColumnSet set)
        {
            set.Ids("rep_id", EntityPrefixes.Rep, _repIds);
            set.Codes("activity_type", Types, _type);
            set.Codes("activity_outcome", Outcomes, _outcome);
        }
    }

    /// <summary>One opportunity per lead that reached sql (before the anchor when snapshot-safe), its stage then.</summary>
    private sealed class OpportunityRows(TableRenderer renderer, bool snapshotSafe) : LeadRows(renderer, snapshotSafe ? PublicOpportunitiesSchema : Schemas.Opportunities, Schemas.Opportunities)
    {
        private readonly long _cut = Cut(renderer, snapshotSafe);
        private readonly Moment _stageAt = snapshotSafe ? renderer.Anchor : new Moment(int.MaxValue / 100_000, 0);
        private IdBuffer _opportunityIds = IdBuffer.Empty, _leadIds = IdBuffer.Empty, _accountIds = IdBuffer.Empty;
        private DateTime[] _createdAt = [], _closedAt = [];
        private static readonly Categories Stages = Categories.OfEnum<FunnelStage>();
        private static readonly Categories Outcomes = Categories.Of([FunnelStage.ClosedWon.ToWire(), FunnelStage.ClosedLost.ToWire()]);
        private CodeBuffer _stage = CodeBuffer.Empty, _outcome = CodeBuffer.Empty;
        private double[] _acv = [];
        private bool[] _open = [];

        public override int Count(LeadHistory h) => h.HasOpportunity && h.OpportunityCreated.TotalSeconds < _cut ? 1 : 0;

        public override void Allocate(int rows)
        {
            _opportunityIds = new IdBuffer(rows, Renderer.OpportunityMax);
            _leadIds = new IdBuffer(rows, Renderer.LeadMax);
            _accountIds = new IdBuffer(rows, Renderer.AccountMax);
            _createdAt = new DateTime[rows];
            _stage = new CodeBuffer(rows, Stages);
            _acv = new double[rows];
            if (!snapshotSafe)
            {
                _outcome = new CodeBuffer(rows, Outcomes);
                _closedAt = new DateTime[rows];
                _open = new bool[rows];
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Fill(int l, LeadHistory h, DateTime created, int row)
        {
            _opportunityIds.Set(row, OpportunityNumber(l));
            _leadIds.Set(row, l + 1);
            _accountIds.Set(row, Plan.LeadAccount[l] + 1);
            _createdAt[row] = h.OpportunityCreated.ToTimestamp(created);
            _stage.Set(row, (int)h.StageAt(_stageAt));
            _acv[row] = h.Acv;
            if (!snapshotSafe)
            {
                _outcome.Set(row, h.Outcome switch { LeadOutcome.Won => 0, LeadOutcome.Lost => 1, _ => -1 });
                if (h.Outcome == LeadOutcome.Open)
                {
                    _open[row] = true;
                }
                else
                {
                    _closedAt[row] = h.ClosedAt.ToTimestamp(created);
                }
            }
        }

        protected override void Declare(ColumnSet set)
        {
            set.Ids("opportunity_id", EntityPrefixes.Opportunity, _opportunityIds);
            set.Ids("lead_id", EntityPrefixes.Lead, _leadIds);
            set.Ids("account_id", EntityPrefixes.Account, _accountIds);
            set.Values("created_at", _createdAt);
            set.Codes("stage", Stages, _stage);
            set.Values("estimated_acv", _acv);
            set.Codes("close_outcome", Outcomes, _outcome);
            set.Values("closed_at", _closedAt, _open);
        }
    }

    /// <summary>One customer per won lead.</summary>
    private sealed class CustomerRows(TableRenderer renderer) : LeadRows(renderer, Schemas.Customers)
    {
        private IdBuffer _customerIds = IdBuffer.Empty, _opportunityIds = IdBuffer.Empty, _accountIds = IdBuffer.Empty;
        private DateTime[] _startAt = [];

        public override int Count(LeadHistory h) => h.Outcome == LeadOutcome.Won ? 1 : 0;

        public override void Allocate(int rows)
        {
            _customerIds = new IdBuffer(rows, Renderer.OpportunityMax);
            _opportunityIds = new IdBuffer(rows, Renderer.OpportunityMax);
            _accountIds = new IdBuffer(rows, Renderer.AccountMax);
            _startAt = new DateTime[rows];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Fill(int l, LeadHistory h, DateTime created, int row)
        {
            _customerIds.Set(row, OpportunityNumber(l));
            _opportunityIds.Set(row, OpportunityNumber(l));
            _accountIds.Set(row, Plan.LeadAccount[l] + 1);
            _startAt[row] = h.ClosedAt.ToTimestamp(created);
        }

        protected override void Declare(ColumnSet set)
        {
            set.Ids("customer_id", EntityPrefixes.Customer, _customerIds);
            set.Ids("opportunity_id", EntityPrefixes.Opportunity, _opportunityIds);
            set.Ids("account_id", EntityPrefixes.Account, _accountIds);
            set.Values("customer_start_at", _startAt);
        }
    }

    /// <summary>
    /// One subscription per won lead; the plan is the first tier whose ceiling is above the ACV, else
    /// the last tier, else "standard".
    /// </summary>
    private sealed class SubscriptionRows(TableRenderer renderer) : LeadRows(renderer, Schemas.Subscriptions)
    {
        private readonly IReadOnlyList<PlanTierSettings> _tiers = renderer._settings.Narrative.Product.Plans;
        private readonly Categories _plans = Categories.Of([.. renderer._settings.Narrative.Product.Plans.Select(p => p.Name), "standard"]);
        private IdBuffer _subscriptionIds = IdBuffer.Empty, _customerIds = IdBuffer.Empty;
        private static readonly Categories Statuses = Categories.Of(["active"]);
        private CodeBuffer _plan = CodeBuffer.Empty, _status = CodeBuffer.Empty;
        private int[] _term = [];
        private double[] _acv = [];
        private DateTime[] _startAt = [], _endAt = [];

        public override int Count(LeadHistory h) => h.Outcome == LeadOutcome.Won ? 1 : 0;

        public override void Allocate(int rows)
        {
            _subscriptionIds = new IdBuffer(rows, Renderer.OpportunityMax);
            _customerIds = new IdBuffer(rows, Renderer.OpportunityMax);
            _plan = new CodeBuffer(rows, _plans);
            _acv = new double[rows];
            _term = new int[rows];
            _startAt = new DateTime[rows];
            _endAt = new DateTime[rows];
            _status = new CodeBuffer(rows, Statuses);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Fill(int l, LeadHistory h, DateTime created, int row)
        {
            var start = h.ClosedAt.ToTimestamp(created);
            var tier = 0;
            while (tier < _tiers.Count && !(h.Acv < _tiers[tier].MaxAcvUsd))
            {
                tier++;
            }

            _subscriptionIds.Set(row, OpportunityNumber(l));
            _customerIds.Set(row, OpportunityNumber(l));
            _plan.Set(row, _plans.CodeOf[tier < _tiers.Count ? tier : _tiers.Count > 0 ? _tiers.Count - 1 : _tiers.Count]);
            _acv[row] = h.Acv;
            _term[row] = h.ContractTermMonths;
            _startAt[row] = start;
            _endAt[row] = start.AddMonths(h.ContractTermMonths);
        }

        protected override void Declare(ColumnSet set)
        {
            set.Ids("subscription_id", EntityPrefixes.Subscription, _subscriptionIds);
            set.Ids("customer_id", EntityPrefixes.Customer, _customerIds);
            set.Codes("plan_name", _plans, _plan);
            set.Values("acv", _acv);
            set.Values("contract_term_months", _term);
            set.Values("subscription_start_at", _startAt);
            set.Values("subscription_end_at", _endAt);
            set.Codes("subscription_status", Statuses, _status);
        }
    }

    /// <summary>Multi-touch attribution: one row per touch (of the first 999) before a won lead's close.</summary>
    private sealed class AttributionRows(TableRenderer renderer) : LeadRows(renderer, Schemas.Attribution)
    {
        public override EventKinds Reads => EventKinds.Touches;

        private IdBuffer _attributionIds = IdBuffer.Empty, _opportunityIds = IdBuffer.Empty, _touchIds = IdBuffer.Empty;
        private double[] _first = [], _last = [], _linear = [], _decay = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override int Count(LeadHistory h)
        {
            if (h.Outcome != LeadOutcome.Won)
            {
                return 0;
            }

            var rows = 0;
            for (var k = 0; k < h.Touches.Count && k < 999; k++)
            {
                rows += h.Touches[k].At.CompareTo(h.ClosedAt) < 0 ? 1 : 0;
            }

            return rows;
        }

        public override void Allocate(int rows)
        {
            _attributionIds = new IdBuffer(rows, Renderer.EventMax);
            _opportunityIds = new IdBuffer(rows, Renderer.OpportunityMax);
            _touchIds = new IdBuffer(rows, Renderer.EventMax);
            _first = new double[rows];
            _last = new double[rows];
            _linear = new double[rows];
            _decay = new double[rows];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Fill(int l, LeadHistory h, DateTime created, int row)
        {
            var start = row;
            var i = 0;
            for (var k = 0; k < h.Touches.Count && k < 999; k++)
            {
                var at = h.Touches[k].At;
                if (at.CompareTo(h.ClosedAt) >= 0)
                {
                    continue;
                }

                _attributionIds.Set(row, EventNumber(l, i));
                _opportunityIds.Set(row, OpportunityNumber(l));
                _touchIds.Set(row, EventNumber(l, k));
                _decay[row] = Math.Pow(0.5, (h.ClosedAt.TotalSeconds - at.TotalSeconds) / (7 * 86_400.0));
                row++;
                i++;
            }

            var decaySum = 0.0;
            for (var r = start; r < row; r++)
            {
                decaySum += _decay[r];
            }

            for (var r = start; r < row; r++)
            {
                _first[r] = r == start ? 1 : 0;
                _last[r] = r == row - 1 ? 1 : 0;
                _linear[r] = 1.0 / i;
                _decay[r] /= decaySum;
            }
        }

        protected override void Declare(ColumnSet set)
        {
            set.Ids("attribution_id", EntityPrefixes.Attribution, _attributionIds);
            set.Ids("opportunity_id", EntityPrefixes.Opportunity, _opportunityIds);
            set.Ids("touch_id", EntityPrefixes.Touch, _touchIds);
            set.Values("first_touch_weight", _first);
            set.Values("last_touch_weight", _last);
            set.Values("linear_weight", _linear);
            set.Values("time_decay_weight", _decay);
        }
    }
}
