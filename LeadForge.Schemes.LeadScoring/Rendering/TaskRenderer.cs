using System.Runtime.CompilerServices;
using LeadForge.Randomness;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Splits;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Builds the <c>converted_within_90_days</c> snapshot task: as-of-anchor features, distortions, splits.
/// Rows are assigned to their split first (from the lead, its account block and its label only), then
/// every row's features are computed, distorted and written straight into its split's typed column
/// arrays, in parallel chunks of rows: no full snapshot table, no per-cell boxing, no copies per split,
/// and the same bytes for any degree of parallelism.
/// </summary>
internal sealed class TaskRenderer
{
    public const string TaskId = "converted_within_90_days";
    public const string Label = "converted_within_90_days";
    public const string Trap = "total_touches_all";

    private readonly LeadScoringSettings _settings;
    private readonly LeadForge.Configuration.GenerationConfig _config;
    private readonly PopulationPlan _plan;
    private readonly HiddenWorld _world;
    private readonly LeadHistory?[] _history;
    private readonly TableRenderer _tables;
    private readonly Action<int, Action<int>> _parallelFor;

    public TaskRenderer(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, PopulationPlan plan, HiddenWorld world, LeadHistory?[] history, TableRenderer tables, Action<int, Action<int>> parallelFor)
    {
        _settings = settings;
        _config = config;
        _plan = plan;
        _world = world;
        _history = history;
        _tables = tables;
        _parallelFor = parallelFor;
    }

    /// <summary>Feature catalogue: (schema, category, source table, window, leakage risk).</summary>
    public static readonly IReadOnlyList<(ColumnSchema Column, string Category, string Source, string Window, bool Leakage)> Catalogue = BuildCatalogue();

    public static readonly TableSchema Schema = new("converted_within_90_days", "One row per lead, anchored at lead_created_at + snapshot_day.", Catalogue.Select(c => c.Column).ToArray(), "row_id");

    private static List<(ColumnSchema, string, string, string, bool)> BuildCatalogue()
    {
        const string snap = "[lead_created_at, snapshot_at)";
        var list = new List<(ColumnSchema, string, string, string, bool)>();
        void Add(string name, ColumnType type, bool nullable, string description, string category, string source, string window, bool leak = false, bool dict = false) =>
            list.Add((new ColumnSchema(name, type, nullable, description, dict), category, source, window, leak));
        Add("row_id", ColumnType.String, false, "Task row id.", "id", "leads", "static");
        Add("lead_id", ColumnType.String, false, "Lead id.", "id", "leads", "static");
        Add("account_id", ColumnType.String, false, "Account id (the split group).", "id", "accounts", "static");
        Add("contact_id", ColumnType.String, false, "Contact id.", "id", "contacts", "static");
        Add("lead_created_at", ColumnType.Timestamp, false, "Lead creation time.", "time", "leads", "static");
        Add("snapshot_at", ColumnType.Timestamp, false, "The anchor: lead_created_at + snapshot_day days.", "time", "leads", "static");
        foreach (var (name, d) in new[] { ("industry", "Industry."), ("region", "Region."), ("employee_band", "Employee band."), ("segment", "Segment."), ("estimated_revenue_band", "Revenue band."), ("process_maturity_band", "Process maturity band.") })
        {
            Add(name, ColumnType.String, false, d, "account", "accounts", "static", dict: true);
        }

        foreach (var (name, d) in new[] { ("role_function", "Persona role."), ("seniority", "Seniority."), ("buyer_role", "Buying role."), ("email_domain_type", "Email domain type.") })
        {
            Add(name, ColumnType.String, false, d, "contact", "contacts", "static", dict: true);
        }

        Add("lead_source", ColumnType.String, false, "Originating channel.", "lead", "leads", "static", dict: true);
        Add("owner_rep_id", ColumnType.String, false, "Owning rep.", "lead", "leads", "static", dict: true);
        Add("arrival_weekday", ColumnType.Int32, false, "Weekday of creation (0 = Monday).", "lead", "leads", "static");
        Add("arrival_month", ColumnType.Int32, false, "Month of creation (1–12).", "lead", "leads", "static");
        Add("current_stage", ColumnType.String, false, "Funnel stage as of the anchor.", "funnel", "stage_history", snap, dict: true);
        Add("is_sql", ColumnType.Boolean, false, "Reached sql before the anchor.", "funnel", "stage_history", snap);
        Add("days_in_stage", ColumnType.Int32, true, "Whole days since the current stage was entered, as of the anchor.", "funnel", "stage_history", snap);
        Add("touch_count", ColumnType.Int32, true, "Touches before the anchor.", "engagement", "touches", snap);
        Add("inbound_touch_count", ColumnType.Int32, true, "Inbound touches before the anchor.", "engagement", "touches", snap);
        Add("outbound_touch_count", ColumnType.Int32, true, "Outbound touches before the anchor.", "engagement", "touches", snap);
        Add("touches_days_0_7", ColumnType.Int32, true, "Touches in the first 7 days.", "engagement", "touches", "[created, created + 7d)");
        Add("touches_last_7_days", ColumnType.Int32, true, "Touches in the 7 days before the anchor.", "engagement", "touches", "[anchor − 7d, anchor)");
        Add("session_count", ColumnType.Int32, true, "Web sessions before the anchor.", "engagement", "sessions", snap);
        Add("sessions_last_7_days", ColumnType.Int32, true, "Sessions in the 7 days before the anchor.", "engagement", "sessions", "[anchor − 7d, anchor)");
        Add("pricing_page_views", ColumnType.Int32, true, "Pricing page views before the anchor.", "engagement", "sessions", snap);
        Add("demo_page_views", ColumnType.Int32, true, "Demo page views before the anchor.", "engagement", "sessions", snap);
        Add("total_session_duration_seconds", ColumnType.Int32, true, "Session time before the anchor.", "engagement", "sessions", snap);
        Add("days_since_first_touch", ColumnType.Double, true, "Days from the first follow-up touch (after the originating touch at creation) to the anchor; null if none.", "engagement", "touches", snap);
        Add("days_since_last_touch", ColumnType.Double, true, "Days from the last touch before the anchor to the anchor.", "engagement", "touches", snap);
        Add("activity_count", ColumnType.Int32, true, "Sales activities before the anchor.", "sales", "sales_activities", snap);
        Add("connected_calls", ColumnType.Int32, true, "Activities with outcome connected before the anchor.", "sales", "sales_activities", snap);
        Add("meetings_held", ColumnType.Int32, true, "Meetings before the anchor.", "sales", "sales_activities", snap);
        Add("demo_completed", ColumnType.Boolean, false, "A demo was completed before the anchor.", "sales", "stage_history", snap);
        Add("opportunity_created", ColumnType.Boolean, false, "An opportunity existed at the anchor.", "sales", "opportunities", snap);
        Add("has_open_opportunity", ColumnType.Boolean, false, "An opportunity was open at the anchor.", "sales", "opportunities", snap);
        Add("opportunity_estimated_acv", ColumnType.Double, true, "ACV of the opportunity open at the anchor.", "sales", "opportunities", snap);
        Add("expected_acv", ColumnType.Double, true, "Opportunity ACV if one is open, else the segment's typical deal size.", "sales", "opportunities", snap);
        Add(Trap, ColumnType.Int32, false, "Touches over the FULL horizon, after the anchor too — a documented leakage trap.", "engagement", "touches", "[created, created + horizon) — crosses the anchor", leak: true);
        Add(Label, ColumnType.Boolean, false, "Label: closed_won within the label window.", "target", "opportunities", "[created, created + label window]");
        return list;
    }

    /// <summary>The task's train, valid and test splits (their rows together are the snapshot, in lead order within each split).</summary>
    public (Table Train, Table Valid, Table Test) Render()
    {
        var leads = _tables.RenderedLeads.ToArray();
        var n = leads.Length;
        var labels = _tables.Labels.ToArray();
        var assignment = Assign(leads, labels);

        // The position of each row in its split (rows keep their lead order within a split).
        var position = new int[n];
        var sizes = new int[3];
        for (var r = 0; r < n; r++)
        {
            position[r] = sizes[assignment[r]]++;
        }

        var fill = new RowFiller(this);
        var categories = fill.ByOrdinal;
        Part[] parts = [new(sizes[0], categories, IdMax), new(sizes[1], categories, IdMax), new(sizes[2], categories, IdMax)];
        Chunks.Run(_parallelFor, n, (from, to) =>
        {
            for (var r = from; r < to; r++)
            {
                fill.Write(leads[r], labels[r], parts[assignment[r]], position[r]);
            }
        });
        return (parts[0].Build(categories, _parallelFor), parts[1].Build(categories, _parallelFor), parts[2].Build(categories, _parallelFor));
    }

    /// <summary>Column ordinals of the task schema.</summary>
    private static class C
    {
        public static readonly int RowId = Schema.IndexOf("row_id");
        public static readonly int LeadId = Schema.IndexOf("lead_id");
        public static readonly int AccountId = Schema.IndexOf("account_id");
        public static readonly int ContactId = Schema.IndexOf("contact_id");
        public static readonly int LeadCreatedAt = Schema.IndexOf("lead_created_at");
        public static readonly int SnapshotAt = Schema.IndexOf("snapshot_at");
        public static readonly int Industry = Schema.IndexOf("industry");
        public static readonly int Region = Schema.IndexOf("region");
        public static readonly int EmployeeBand = Schema.IndexOf("employee_band");
        public static readonly int Segment = Schema.IndexOf("segment");
        public static readonly int RevenueBand = Schema.IndexOf("estimated_revenue_band");
        public static readonly int MaturityBand = Schema.IndexOf("process_maturity_band");
        public static readonly int RoleFunction = Schema.IndexOf("role_function");
        public static readonly int Seniority = Schema.IndexOf("seniority");
        public static readonly int BuyerRole = Schema.IndexOf("buyer_role");
        public static readonly int EmailDomainType = Schema.IndexOf("email_domain_type");
        public static readonly int LeadSource = Schema.IndexOf("lead_source");
        public static readonly int OwnerRepId = Schema.IndexOf("owner_rep_id");
        public static readonly int ArrivalWeekday = Schema.IndexOf("arrival_weekday");
        public static readonly int ArrivalMonth = Schema.IndexOf("arrival_month");
        public static readonly int CurrentStage = Schema.IndexOf("current_stage");
        public static readonly int IsSql = Schema.IndexOf("is_sql");
        public static readonly int DaysInStage = Schema.IndexOf("days_in_stage");
        public static readonly int TouchCount = Schema.IndexOf("touch_count");
        public static readonly int InboundTouchCount = Schema.IndexOf("inbound_touch_count");
        public static readonly int OutboundTouchCount = Schema.IndexOf("outbound_touch_count");
        public static readonly int TouchesDays0To7 = Schema.IndexOf("touches_days_0_7");
        public static readonly int TouchesLast7Days = Schema.IndexOf("touches_last_7_days");
        public static readonly int SessionCount = Schema.IndexOf("session_count");
        public static readonly int SessionsLast7Days = Schema.IndexOf("sessions_last_7_days");
        public static readonly int PricingPageViews = Schema.IndexOf("pricing_page_views");
        public static readonly int DemoPageViews = Schema.IndexOf("demo_page_views");
        public static readonly int SessionDuration = Schema.IndexOf("total_session_duration_seconds");
        public static readonly int DaysSinceFirstTouch = Schema.IndexOf("days_since_first_touch");
        public static readonly int DaysSinceLastTouch = Schema.IndexOf("days_since_last_touch");
        public static readonly int ActivityCount = Schema.IndexOf("activity_count");
        public static readonly int ConnectedCalls = Schema.IndexOf("connected_calls");
        public static readonly int MeetingsHeld = Schema.IndexOf("meetings_held");
        public static readonly int DemoCompleted = Schema.IndexOf("demo_completed");
        public static readonly int OpportunityCreated = Schema.IndexOf("opportunity_created");
        public static readonly int HasOpenOpportunity = Schema.IndexOf("has_open_opportunity");
        public static readonly int OpportunityAcv = Schema.IndexOf("opportunity_estimated_acv");
        public static readonly int ExpectedAcv = Schema.IndexOf("expected_acv");
        public static readonly int Trap = Schema.IndexOf(TaskRenderer.Trap);
        public static readonly int Label = Schema.IndexOf(TaskRenderer.Label);
    }

    /// <summary>The entity-id prefix of each id column (the task's non-categorical string columns).</summary>
    private static string IdPrefix(string column) => column switch
    {
        "row_id" => EntityPrefixes.TaskRow,
        "lead_id" => EntityPrefixes.Lead,
        "account_id" => EntityPrefixes.Account,
        "contact_id" => EntityPrefixes.Contact,
        _ => throw new InvalidOperationException($"Task column '{column}' is a plain string column without an id prefix."),
    };

    /// <summary>The largest id number of each id column.</summary>
    private long IdMax(string column) => column switch
    {
        "row_id" or "lead_id" => _tables.LeadMax,
        "account_id" => _tables.AccountMax,
        "contact_id" => _tables.ContactMax,
        _ => throw new InvalidOperationException($"Task column '{column}' is a plain string column without an id prefix."),
    };

    /// <summary>One split's columns as typed arrays, indexed by column ordinal (null where the ordinal has another type).</summary>
    private sealed class Part
    {
        public Part(int rows, Categories[] categories, Func<string, long> idMax)
        {
            var columns = Schema.Columns;
            Ids = new IdBuffer[columns.Count];
            Codes = new CodeBuffer[columns.Count];
            Times = new DateTime[columns.Count][];
            Ints = new int[columns.Count][];
            Doubles = new double[columns.Count][];
            Bools = new bool[columns.Count][];
            Nulls = new bool[columns.Count][];
            for (var o = 0; o < columns.Count; o++)
            {
                var column = columns[o];
                switch (column.Type)
                {
                    case ColumnType.String when column.DictionaryEncoded:
                        Codes[o] = new CodeBuffer(rows, categories[o]);
                        break;
                    case ColumnType.String:
                        Ids[o] = new IdBuffer(rows, idMax(column.Name));
                        break;
                    case ColumnType.Timestamp:
                        Times[o] = new DateTime[rows];
                        break;
                    case ColumnType.Int32:
                        Ints[o] = new int[rows];
                        break;
                    case ColumnType.Double:
                        Doubles[o] = new double[rows];
                        break;
                    case ColumnType.Boolean:
                        Bools[o] = new bool[rows];
                        break;
                    default:
                        throw new NotSupportedException($"Task column '{column.Name}' has type {column.Type}.");
                }

                if (column.Nullable)
                {
                    Nulls[o] = new bool[rows];
                }
            }
        }

        public IdBuffer[] Ids { get; }

        public CodeBuffer[] Codes { get; }

        public DateTime[][] Times { get; }

        public int[][] Ints { get; }

        public double[][] Doubles { get; }

        public bool[][] Bools { get; }

        /// <summary>Null flags of the nullable columns.</summary>
        public bool[][] Nulls { get; }

        public Table Build(Categories[] categories, Action<int, Action<int>> parallelFor)
        {
            var set = new ColumnSet(Schema);
            for (var o = 0; o < Schema.Columns.Count; o++)
            {
                var name = Schema.Columns[o].Name;
                var nulls = Nulls[o];
                switch (Schema.Columns[o].Type)
                {
                    case ColumnType.String when Codes[o] is { } codes:
                        set.Codes(name, categories[o], codes);
                        break;
                    case ColumnType.String:
                        set.Ids(name, IdPrefix(name), Ids[o]);
                        break;
                    case ColumnType.Timestamp:
                        set.Values(name, Times[o], nulls);
                        break;
                    case ColumnType.Int32:
                        set.Values(name, Ints[o], nulls);
                        break;
                    case ColumnType.Double:
                        set.Values(name, Doubles[o], nulls);
                        break;
                    default:
                        set.Values(name, Bools[o], nulls);
                        break;
                }
            }

            return set.Build(parallelFor);
        }
    }

    /// <summary>How a distorted column is kept in its physical range.</summary>
    private enum ClampKind
    {
        NonNegative,
        AcvRange,
        SnapshotWindow,
    }

    /// <summary>A distorted column: nullable counts and measures, never ids, times, categories, the label or the trap.</summary>
    private readonly record struct Distorted(int Ordinal, bool IsDouble, ClampKind Clamp, double Median, double Sd);

    /// <summary>Computes one row's features, distorts them and writes them into its split; safe to call from many threads for distinct rows.</summary>
    private sealed class RowFiller
    {
        private readonly TaskRenderer _task;
        private readonly PopulationPlan _plan;
        private readonly HiddenWorld _world;
        private readonly Categories _industries, _regions, _bands, _segments, _revenue, _maturity, _roles, _seniorities, _authorities, _emailTypes, _channels, _reps, _stages;
        private readonly double[] _typicalAcv;
        private readonly Moment _anchor, _weekStart, _beforeAnchor;
        private readonly Distorted[] _distorted;
        private readonly RandomSource _distortion;
        private readonly double _noiseScale, _missingRate, _outlierRate, _acvMin, _acvMax, _window;

        public RowFiller(TaskRenderer task)
        {
            _task = task;
            _plan = task._plan;
            _world = task._world;
            var s = task._settings;
            _industries = Categories.Of(s.Narrative.Market.IcpIndustries);
            _regions = Categories.Of(s.Narrative.Market.Geographies);
            _bands = Categories.Of(s.Accounts.EmployeeBands, b => b.Name);
            _segments = Categories.Of(s.Accounts.Segments, x => x.Name);
            _revenue = Categories.Of(s.Accounts.RevenueBands);
            _maturity = Categories.Of(s.Accounts.MaturityBands);
            _roles = Categories.Of(s.Narrative.Personas, p => p.Role);
            _seniorities = Categories.Of(s.Contacts.SeniorityLevels);
            _authorities = Categories.Of(s.Narrative.Personas, p => p.DecisionAuthority);
            _emailTypes = Categories.Of(s.Contacts.EmailDomainTypes);
            _channels = Categories.Of(s.Narrative.Channels, c => c.Name);
            _reps = Categories.Of([.. Enumerable.Range(0, _plan.RepCount).Select(TableRenderer.RepId)]);
            _stages = Categories.OfEnum<FunnelStage>();
            ByOrdinal = new Categories[Schema.Columns.Count];
            ByOrdinal[C.Industry] = _industries;
            ByOrdinal[C.Region] = _regions;
            ByOrdinal[C.EmployeeBand] = _bands;
            ByOrdinal[C.Segment] = _segments;
            ByOrdinal[C.RevenueBand] = _revenue;
            ByOrdinal[C.MaturityBand] = _maturity;
            ByOrdinal[C.RoleFunction] = _roles;
            ByOrdinal[C.Seniority] = _seniorities;
            ByOrdinal[C.BuyerRole] = _authorities;
            ByOrdinal[C.EmailDomainType] = _emailTypes;
            ByOrdinal[C.LeadSource] = _channels;
            ByOrdinal[C.OwnerRepId] = _reps;
            ByOrdinal[C.CurrentStage] = _stages;
            _typicalAcv = s.Accounts.Segments.Select(x => s.Narrative.Market.AvgDealSizeUsd * x.DealSizeMultiplier).ToArray();
            var snapshotDay = task._settings.Tasks.ConvertedWithin90Days.SnapshotDay;
            _anchor = new Moment(snapshotDay, 0);
            _weekStart = new Moment(Math.Max(0, snapshotDay - 7), 0);
            _beforeAnchor = new Moment(_anchor.Day, 0) with { Second = -1 };
            var profile = s.DifficultyProfiles.For(task._config.Difficulty);
            _noiseScale = profile.NoiseScale;
            _missingRate = profile.MissingRate;
            _outlierRate = profile.OutlierRate;
            var acv = s.Narrative.Product.AcvRangeUsd;
            _acvMin = acv[0];
            _acvMax = acv[1];
            _window = snapshotDay;
            _distortion = task.DistortionSource;
            _distorted = Catalogue
                .Where(c => c.Column.Nullable && c.Column.Type is ColumnType.Int32 or ColumnType.Double && c.Column.Name != TaskRenderer.Trap)
                .Select(c =>
                {
                    var name = c.Column.Name;
                    var isDouble = c.Column.Type == ColumnType.Double;
                    var (median, sd) = isDouble ? task.DistortionScale(name) : (0, 0);
                    var clamp = name switch
                    {
                        "opportunity_estimated_acv" or "expected_acv" => ClampKind.AcvRange,
                        "days_since_first_touch" or "days_since_last_touch" or "days_in_stage" => ClampKind.SnapshotWindow,
                        _ => ClampKind.NonNegative,
                    };
                    return new Distorted(Schema.IndexOf(name), isDouble, clamp, median, sd);
                })
                .ToArray();
        }

        /// <summary>The categories of each categorical column, by ordinal.</summary>
        public Categories[] ByOrdinal { get; }

        // Write and Distort run once per row, so they are compiled fully optimised at once instead of
        // starting in the unoptimised tier.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write(int l, bool label, Part p, int j)
        {
            var h = _task._history[l]!;
            var a = _plan.LeadAccount[l];
            var c = _plan.LeadContact[l];
            var persona = _plan.ContactPersona[c];
            var created = _task._tables.CreatedAt(l);
            var anchor = _anchor;
            var weekStart = _weekStart;
            p.Ids[C.RowId].Set(j, l + 1);
            p.Ids[C.LeadId].Set(j, l + 1);
            p.Ids[C.AccountId].Set(j, a + 1);
            p.Ids[C.ContactId].Set(j, c + 1);
            p.Times[C.LeadCreatedAt][j] = created;
            p.Times[C.SnapshotAt][j] = anchor.ToTimestamp(created);
            p.Codes[C.Industry].Set(j, _industries.CodeOf[_plan.AccountIndustry[a]]);
            p.Codes[C.Region].Set(j, _regions.CodeOf[_plan.AccountRegion[a]]);
            p.Codes[C.EmployeeBand].Set(j, _bands.CodeOf[_plan.AccountBand[a]]);
            p.Codes[C.Segment].Set(j, _segments.CodeOf[_plan.AccountSegment[a]]);
            p.Codes[C.RevenueBand].Set(j, _revenue.CodeOf[_world.AccountRevenueBand[a]]);
            p.Codes[C.MaturityBand].Set(j, _maturity.CodeOf[_world.AccountMaturityBand[a]]);
            p.Codes[C.RoleFunction].Set(j, _roles.CodeOf[persona]);
            p.Codes[C.Seniority].Set(j, _seniorities.CodeOf[_world.ContactSeniority[c]]);
            p.Codes[C.BuyerRole].Set(j, _authorities.CodeOf[persona]);
            p.Codes[C.EmailDomainType].Set(j, _emailTypes.CodeOf[_plan.ContactEmailType[c]]);
            p.Codes[C.LeadSource].Set(j, _channels.CodeOf[_plan.LeadChannel[l]]);
            p.Codes[C.OwnerRepId].Set(j, _reps.CodeOf[_plan.LeadRep[l]]);
            p.Ints[C.ArrivalWeekday][j] = ((int)created.DayOfWeek + 6) % 7;
            p.Ints[C.ArrivalMonth][j] = created.Month;

            var stage = h.StageAt(_beforeAnchor);
            var stageStart = stage == FunnelStage.ClosedLost ? h.ClosedAt : h.StageEntered[stage];
            p.Codes[C.CurrentStage].Set(j, _stages.CodeOf[(int)stage]);
            p.Bools[C.IsSql][j] = h.StageEntered.EnteredBefore(FunnelModel.OpportunityStage, anchor);
            p.Ints[C.DaysInStage][j] = (int)((anchor.TotalSeconds - stageStart.TotalSeconds) / 86_400);

            int touches = 0, inbound = 0, first7 = 0, last7 = 0;
            Moment? firstTouch = null, lastTouch = null;
            for (var k = 0; k < h.Touches.Count; k++)
            {
                var t = h.Touches[k];
                if (t.At.CompareTo(anchor) >= 0)
                {
                    continue;
                }

                touches++;
                inbound += t.Inbound ? 1 : 0;
                first7 += t.At.Day < 7 ? 1 : 0;
                last7 += t.At.CompareTo(weekStart) >= 0 ? 1 : 0;

                // Touch 0 is the originating touch at the lead's creation: counting it would make the
                // first-touch age the constant snapshot_day. The feature measures the first follow-up.
                if (k > 0)
                {
                    firstTouch ??= t.At;
                }

                lastTouch = t.At;
            }

            p.Ints[C.TouchCount][j] = touches;
            p.Ints[C.InboundTouchCount][j] = inbound;
            p.Ints[C.OutboundTouchCount][j] = touches - inbound;
            p.Ints[C.TouchesDays0To7][j] = first7;
            p.Ints[C.TouchesLast7Days][j] = last7;

            int sessions = 0, sessions7 = 0, pricing = 0, demo = 0, duration = 0;
            for (var k = 0; k < h.Sessions.Count; k++)
            {
                var x = h.Sessions[k];
                if (x.At.CompareTo(anchor) >= 0)
                {
                    continue;
                }

                sessions++;
                sessions7 += x.At.CompareTo(weekStart) >= 0 ? 1 : 0;
                pricing += x.PricingViews;
                demo += x.DemoViews;
                duration += x.DurationSeconds;
            }

            p.Ints[C.SessionCount][j] = sessions;
            p.Ints[C.SessionsLast7Days][j] = sessions7;
            p.Ints[C.PricingPageViews][j] = pricing;
            p.Ints[C.DemoPageViews][j] = demo;
            p.Ints[C.SessionDuration][j] = duration;
            SetDouble(p, C.DaysSinceFirstTouch, j, firstTouch is { } ft ? (anchor.TotalSeconds - ft.TotalSeconds) / 86_400.0 : null);
            SetDouble(p, C.DaysSinceLastTouch, j, lastTouch is { } lt ? (anchor.TotalSeconds - lt.TotalSeconds) / 86_400.0 : null);

            int activities = 0, connected = 0, meetings = 0;
            for (var k = 0; k < h.Activities.Count; k++)
            {
                var x = h.Activities[k];
                if (x.At.CompareTo(anchor) >= 0)
                {
                    continue;
                }

                activities++;
                connected += x.Outcome == ActivityOutcome.Connected ? 1 : 0;
                meetings += x.Type == ActivityType.Meeting ? 1 : 0;
            }

            p.Ints[C.ActivityCount][j] = activities;
            p.Ints[C.ConnectedCalls][j] = connected;
            p.Ints[C.MeetingsHeld][j] = meetings;
            p.Bools[C.DemoCompleted][j] = h.StageEntered.EnteredBefore(FunnelStage.DemoCompleted, anchor);

            var oppAtAnchor = h.HasOpportunity && h.OpportunityCreated.CompareTo(anchor) < 0;
            var openAtAnchor = oppAtAnchor && (h.Outcome == LeadOutcome.Open || h.ClosedAt.CompareTo(anchor) >= 0);
            p.Bools[C.OpportunityCreated][j] = oppAtAnchor;
            p.Bools[C.HasOpenOpportunity][j] = openAtAnchor;
            SetDouble(p, C.OpportunityAcv, j, openAtAnchor ? h.Acv : null);
            p.Doubles[C.ExpectedAcv][j] = openAtAnchor ? h.Acv : _typicalAcv[_plan.AccountSegment[a]];
            p.Ints[C.Trap][j] = h.Touches.Count;
            p.Bools[C.Label][j] = label;
            Distort(l, p, j);
        }

        private static void SetDouble(Part p, int ordinal, int j, double? value)
        {
            if (value is { } v)
            {
                p.Doubles[ordinal][j] = v;
            }
            else
            {
                p.Nulls[ordinal][j] = true;
            }
        }

        /// <summary>
        /// Applies the tier's noise, MCAR missingness and outliers to the row's distorted columns,
        /// keeping values in their physical range: counts stay non-negative integers, ACVs stay in the
        /// product's range, day counts in [0, snapshot_day]. Every column draws a Gaussian noise, a
        /// missingness, an outlier and a sign draw (for null cells too) from one stream per lead, so the
        /// result does not depend on sharding. Integer columns use only the missingness draw: their
        /// noise is skipped as the uniform pair <see cref="RandomStream.NextGaussian"/> consumes, without
        /// its logarithm and cosine.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Distort(int l, Part p, int j)
        {
            var rng = _distortion.Stream(l + 1);
            foreach (var d in _distorted)
            {
                if (!d.IsDouble)
                {
                    rng.NextUInt64();
                    rng.NextUInt64();
                    var dropped = rng.NextDouble() < _missingRate;
                    rng.NextUInt64();
                    rng.NextUInt64();
                    var ints = p.Ints[d.Ordinal];
                    var intNulls = p.Nulls[d.Ordinal];
                    if (intNulls[j])
                    {
                        continue;
                    }

                    var v = Clamp(d, ints[j]);
                    if (dropped)
                    {
                        intNulls[j] = true;
                        ints[j] = 0;
                    }
                    else
                    {
                        ints[j] = (int)Math.Round(v);
                    }

                    continue;
                }

                var noise = rng.NextGaussian();
                var missing = rng.NextDouble() < _missingRate;
                var outlier = rng.NextDouble() < _outlierRate;
                var sign = rng.NextBool(0.5) ? 1 : -1;
                var values = p.Doubles[d.Ordinal];
                var nulls = p.Nulls[d.Ordinal];
                if (nulls[j])
                {
                    continue;
                }

                var x = values[j];
                x += _noiseScale * d.Sd * noise;
                if (outlier)
                {
                    x = d.Median + (sign * 5 * d.Sd);
                }

                x = Clamp(d, x);
                if (missing)
                {
                    nulls[j] = true;
                    values[j] = 0;
                }
                else
                {
                    values[j] = Math.Round(x, 4);
                }
            }
        }

        private double Clamp(Distorted d, double x) => d.Clamp switch
        {
            ClampKind.AcvRange => Math.Clamp(x, _acvMin, _acvMax),
            ClampKind.SnapshotWindow => Math.Clamp(x, 0, _window),
            _ => Math.Max(0, x),
        };
    }

    private RandomSource DistortionSource => LeadForge.Randomness.RandomSource.FromSeed(_config.Seed).Derive("render/distortions");

    /// <summary>
    /// The centre and scale of a double column's noise and outliers, from the recipe (the product's
    /// ACV range and typical deal size, the snapshot window) rather than from the rendered rows, so a
    /// lead's distorted value is the same in every shard.
    /// </summary>
    private (double Median, double Sd) DistortionScale(string name)
    {
        var acv = _settings.Narrative.Product.AcvRangeUsd;
        var window = (double)_settings.Tasks.ConvertedWithin90Days.SnapshotDay;
        return name switch
        {
            "opportunity_estimated_acv" or "expected_acv" => (_settings.Narrative.Market.AvgDealSizeUsd, (acv[1] - acv[0]) / 4.0),
            "days_since_first_touch" or "days_since_last_touch" => (window / 2, window / Math.Sqrt(12)),
            _ => throw new InvalidOperationException($"Task column '{name}' is a distorted double column without a declared distortion scale."),
        };
    }

    /// <summary>
    /// Assigns rows (the rendered leads, in id order) to splits 0 (train), 1 (valid), 2 (test): grouped
    /// by account and stratified on the label (default), random, or temporal. Every assignment is a
    /// function of the lead (random, temporal) or of its block of accounts (grouped; see
    /// <see cref="SplitBlocks"/>), never of the other rows in this run, so the union of shards has
    /// exactly the splits of the unsharded run.
    /// </summary>
    private int[] Assign(int[] leads, bool[] labels)
    {
        var split = _settings.Tasks.ConvertedWithin90Days.Split;
        var n = leads.Length;
        var assignment = new int[n];
        var source = LeadForge.Randomness.RandomSource.FromSeed(_config.Seed).Derive("render/split");
        double[] targets = [split.Train, split.Valid, split.Test];
        int Cut(double u) => u < split.Train ? 0 : u < split.Train + split.Valid ? 1 : 2;
        switch (split.Strategy)
        {
            case SplitStrategy.Random:
                for (var r = 0; r < n; r++)
                {
                    assignment[r] = Cut(source.Stream(leads[r]).NextDouble());
                }

                break;

            case SplitStrategy.Temporal:
                // Lead numbers follow creation time over the whole plan, so the cut is global.
                for (var r = 0; r < n; r++)
                {
                    assignment[r] = Cut((leads[r] + 0.5) / _plan.LeadCount);
                }

                break;

            default:
            {
                // Rows sorted by account (stably, so each account's rows stay in lead order).
                var accounts = _plan.AccountCount;
                var accountStart = new int[accounts + 1];
                for (var r = 0; r < n; r++)
                {
                    accountStart[_plan.LeadAccount[leads[r]] + 1]++;
                }

                for (var a = 0; a < accounts; a++)
                {
                    accountStart[a + 1] += accountStart[a];
                }

                var byAccount = new int[n];
                var next = accountStart[..^1];
                for (var r = 0; r < n; r++)
                {
                    byAccount[next[_plan.LeadAccount[leads[r]]]++] = r;
                }

                // Each block of accounts is balanced on its own, from its own stream.
                var bounds = _plan.BlockBounds;
                _parallelFor(bounds.Length - 1, b =>
                {
                    var groupStart = new List<int>();
                    for (var a = bounds[b]; a < bounds[b + 1]; a++)
                    {
                        if (accountStart[a + 1] > accountStart[a])
                        {
                            groupStart.Add(accountStart[a]);
                        }
                    }

                    if (groupStart.Count == 0)
                    {
                        return;
                    }

                    groupStart.Add(accountStart[bounds[b + 1]]);
                    var first = groupStart[0];
                    var starts = groupStart.Select(s => s - first).ToArray();
                    GroupedStratifiedSplit.AssignBlock(byAccount.AsSpan(first, starts[^1]), starts, labels, targets, source.Stream(b), assignment);
                });
                break;
            }
        }

        return assignment;
    }
}
