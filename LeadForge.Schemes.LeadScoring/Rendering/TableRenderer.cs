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
            new LeadsRows(this, snapshotSafe),
            new StageRows(this, snapshotSafe),
            new EventTable<TouchEvent, TouchColumns>(this, snapshotSafe),
            new EventTable<SessionEvent, SessionColumns>(this, snapshotSafe),
            new EventTable<ActivityEvent, ActivityColumns>(this, snapshotSafe),
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

    /// <summary>
    /// A table with rows per lead, filled in lead order. <c>Count</c> and <c>Fill</c> run
    /// once per lead and table, a handful of times per process, so they are compiled fully optimised
    /// at once instead of starting in the unoptimised tier.
    /// </summary>
    private abstract class LeadRows(TableRenderer renderer, TableSchema schema, TableSchema? full = null) : ILeadTable
    {
        protected TableRenderer Renderer { get; } = renderer;

        protected PopulationPlan Plan => Renderer._plan;

        /// <summary>Events at or after this many seconds from creation are cut (the anchor when snapshot-safe, else none).</summary>
        protected static long Cut(TableRenderer renderer, bool snapshotSafe) => renderer.Cut(snapshotSafe);

        /// <summary>The kinds of history events this table reads.</summary>
        public virtual EventKinds Reads => EventKinds.None;

        /// <summary>The lead's rows in this table.</summary>
        public abstract int Count(LeadHistory h);

        /// <summary>Allocates the columns for this many rows.</summary>
        public abstract void Allocate(int rows);

        /// <summary>Writes the lead's rows from <paramref name="row"/> on (exactly <c>Count</c> of them).</summary>
        public abstract void Fill(int l, LeadHistory h, DateTime created, int row);

        /// <summary>Declares the columns.</summary>
        protected abstract void Declare(ColumnSet set);

        public int Count(in LeadEntity entity) => Count(entity.History);

        public void Fill(in LeadEntity entity, int row) => Fill(entity.Lead, entity.History, entity.Created, row);

        public Table Build(Action<int, Action<int>>? parallelFor)
        {
            ArgumentNullException.ThrowIfNull(parallelFor);
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
