using LeadForge.Randomness;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>Builds the <c>converted_within_90_days</c> snapshot task: as-of-anchor features, distortions, splits.</summary>
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

    public TaskRenderer(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, PopulationPlan plan, HiddenWorld world, LeadHistory?[] history, TableRenderer tables)
    {
        _settings = settings;
        _config = config;
        _plan = plan;
        _world = world;
        _history = history;
        _tables = tables;
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

    public Table BuildSnapshot()
    {
        var b = new TableBuilder(Schema, _history.Length);
        var profile = _settings.DifficultyProfiles.For(_config.Difficulty);
        var s = _settings;
        var snapshotDay = _config.Recipe.SnapshotDay;
        var anchor = new Moment(snapshotDay, 0);
        var weekStart = new Moment(Math.Max(0, snapshotDay - 7), 0);
        for (var l = 0; l < _history.Length; l++)
        {
            if (_history[l] is not { } h)
            {
                continue;
            }

            var a = _plan.LeadAccount[l];
            var c = _plan.LeadContact[l];
            var created = _tables.CreatedAt(l);
            var persona = s.Narrative.Personas[_plan.ContactPersona[c]];
            b.Strings("row_id").Add(Identifiers.EntityId.Format(Identifiers.EntityPrefixes.TaskRow, l + 1));
            b.Strings("lead_id").Add(TableRenderer.LeadId(l));
            b.Strings("account_id").Add(TableRenderer.AccountId(a));
            b.Strings("contact_id").Add(TableRenderer.ContactId(c));
            b.Values<DateTime>("lead_created_at").Add(created);
            b.Values<DateTime>("snapshot_at").Add(anchor.ToTimestamp(created));
            b.Strings("industry").Add(s.Narrative.Market.IcpIndustries[_plan.AccountIndustry[a]]);
            b.Strings("region").Add(s.Narrative.Market.Geographies[_plan.AccountRegion[a]]);
            b.Strings("employee_band").Add(s.Accounts.EmployeeBands[_plan.AccountBand[a]].Name);
            b.Strings("segment").Add(s.Accounts.Segments[_plan.AccountSegment[a]].Name);
            b.Strings("estimated_revenue_band").Add(s.Accounts.RevenueBands[_world.AccountRevenueBand[a]]);
            b.Strings("process_maturity_band").Add(s.Accounts.MaturityBands[_world.AccountMaturityBand[a]]);
            b.Strings("role_function").Add(persona.Role);
            b.Strings("seniority").Add(s.Contacts.SeniorityLevels[_world.ContactSeniority[c]]);
            b.Strings("buyer_role").Add(persona.DecisionAuthority);
            b.Strings("email_domain_type").Add(s.Contacts.EmailDomainTypes[_plan.ContactEmailType[c]]);
            b.Strings("lead_source").Add(s.Narrative.Channels[_plan.LeadChannel[l]].Name);
            b.Strings("owner_rep_id").Add(TableRenderer.RepId(_plan.LeadRep[l]));
            b.Values<int>("arrival_weekday").Add(((int)created.DayOfWeek + 6) % 7);
            b.Values<int>("arrival_month").Add(created.Month);

            var stage = h.StageAt(new Moment(anchor.Day, 0) with { Second = -1 });
            var stageStart = stage == 8 ? h.ClosedAt : h.StageEntered[stage];
            b.Strings("current_stage").Add(FunnelSimulator.StageNames[stage]);
            b.Values<bool>("is_sql").Add(h.StageEntered[2].Day >= 0 && h.StageEntered[2].CompareTo(anchor) < 0);
            b.Values<int>("days_in_stage").Add((int)((anchor.TotalSeconds - stageStart.TotalSeconds) / 86_400));

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

            b.Values<int>("touch_count").Add(touches);
            b.Values<int>("inbound_touch_count").Add(inbound);
            b.Values<int>("outbound_touch_count").Add(touches - inbound);
            b.Values<int>("touches_days_0_7").Add(first7);
            b.Values<int>("touches_last_7_days").Add(last7);

            int sessions = 0, sessions7 = 0, pricing = 0, demo = 0, duration = 0;
            foreach (var x in h.Sessions)
            {
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

            b.Values<int>("session_count").Add(sessions);
            b.Values<int>("sessions_last_7_days").Add(sessions7);
            b.Values<int>("pricing_page_views").Add(pricing);
            b.Values<int>("demo_page_views").Add(demo);
            b.Values<int>("total_session_duration_seconds").Add(duration);
            b.Values<double>("days_since_first_touch").Add(firstTouch is { } ft ? (anchor.TotalSeconds - ft.TotalSeconds) / 86_400.0 : null);
            b.Values<double>("days_since_last_touch").Add(lastTouch is { } lt ? (anchor.TotalSeconds - lt.TotalSeconds) / 86_400.0 : null);

            int activities = 0, connected = 0, meetings = 0;
            foreach (var x in h.Activities)
            {
                if (x.At.CompareTo(anchor) >= 0)
                {
                    continue;
                }

                activities++;
                connected += x.Outcome == 0 ? 1 : 0;
                meetings += x.Type == 2 ? 1 : 0;
            }

            b.Values<int>("activity_count").Add(activities);
            b.Values<int>("connected_calls").Add(connected);
            b.Values<int>("meetings_held").Add(meetings);
            b.Values<bool>("demo_completed").Add(h.StageEntered[4].Day >= 0 && h.StageEntered[4].CompareTo(anchor) < 0);

            var oppAtAnchor = h.HasOpportunity && h.OpportunityCreated.CompareTo(anchor) < 0;
            var openAtAnchor = oppAtAnchor && (h.Outcome == LeadOutcome.Open || h.ClosedAt.CompareTo(anchor) >= 0);
            b.Values<bool>("opportunity_created").Add(oppAtAnchor);
            b.Values<bool>("has_open_opportunity").Add(openAtAnchor);
            b.Values<double>("opportunity_estimated_acv").Add(openAtAnchor ? h.Acv : null);
            var typical = s.Narrative.Market.AvgDealSizeUsd * s.Accounts.Segments[_plan.AccountSegment[a]].DealSizeMultiplier;
            b.Values<double>("expected_acv").Add(openAtAnchor ? h.Acv : typical);
            b.Values<int>(Trap).Add(h.Touches.Count);
            b.Values<bool>(Label).Add(_tables.IsConverted(h));
        }

        return Distort(b.Build(), profile);
    }

    /// <summary>
    /// Applies the tier's noise, MCAR missingness and outliers to feature columns (never to ids, times,
    /// categorical columns, the label or the documented trap), keeping values in their physical range:
    /// counts stay non-negative integers, ACVs stay in the product's range, day counts in [0, snapshot_day].
    /// Draws come from one stream per lead, so the result does not depend on sharding.
    /// </summary>
    private Table Distort(Table table, DifficultyProfile profile)
    {
        var eligible = Catalogue.Where(c => c.Column.Nullable && c.Column.Type is ColumnType.Int32 or ColumnType.Double && c.Column.Name != Trap).Select(c => c.Column.Name).ToArray();
        var stats = eligible.ToDictionary(n => n, n => Stats(table[n]));
        var stream = new RandomSource[1] { DistortionSource };
        var rows = table.RowCount;
        var leadIds = table["lead_id"].AsString();
        var values = eligible.ToDictionary(n => n, n => Enumerable.Range(0, rows).Select(r => table[n].GetValue(r) is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : (double?)null).ToArray());
        var acv = _settings.Narrative.Product.AcvRangeUsd;
        for (var r = 0; r < rows; r++)
        {
            Identifiers.EntityId.TryParse(leadIds[r], Identifiers.EntityPrefixes.Lead, out var number);
            var rng = stream[0].Stream(number);
            foreach (var name in eligible)
            {
                var isDouble = table[name].Type == ColumnType.Double;
                var noise = rng.NextGaussian();
                var missing = rng.NextDouble() < profile.MissingRate;
                var outlier = rng.NextDouble() < profile.OutlierRate;
                var sign = rng.NextBool(0.5) ? 1 : -1;
                var v = values[name][r];
                if (v is null)
                {
                    continue;
                }

                var (median, sd) = stats[name];
                var x = v.Value;
                if (isDouble)
                {
                    x += profile.NoiseScale * sd * noise;
                    if (outlier)
                    {
                        x = median + (sign * 5 * sd);
                    }
                }

                x = Clamp(name, x, acv);
                values[name][r] = missing ? null : isDouble ? Math.Round(x, 4) : Math.Round(x);
            }
        }

        var columns = table.Columns.Select(col =>
        {
            if (!values.TryGetValue(col.Name, out var v))
            {
                return col;
            }

            return col.Type == ColumnType.Int32
                ? (Column)Column.FromValues(col.Schema, v.Select(x => x is null ? 0 : (int)x.Value).ToArray(), v.Select(x => x is null).ToArray())
                : Column.FromValues(col.Schema, v.Select(x => x ?? 0).ToArray(), v.Select(x => x is null).ToArray());
        }).ToArray();
        return new Table(table.Schema, columns);
    }

    /// <summary>
    /// Balances one block: groups in a seeded random order, largest first, each to the split that
    /// minimises the squared deviation of the block's row and positive shares from the targets.
    /// </summary>
    private static void AssignBlock(List<int>[] groups, LeadForge.Tables.ValueColumn<bool> labels, double[] targets, LeadForge.Randomness.RandomStream rng, int[] assignment)
    {
        var order = Enumerable.Range(0, groups.Length).ToArray();
        rng.Shuffle(order.AsSpan());
        var positivesOf = new int[groups.Length];
        var n = 0;
        var totalPositives = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var r in groups[g])
            {
                positivesOf[g] += labels[r] == true ? 1 : 0;
            }

            n += groups[g].Count;
            totalPositives += positivesOf[g];
        }

        var ranked = order.Select((g, i) => (g, i)).OrderByDescending(x => groups[x.g].Count).ThenBy(x => x.i).Select(x => x.g);
        var rowsIn = new double[3];
        var posIn = new double[3];
        foreach (var g in ranked)
        {
            var members = groups[g];
            var positives = positivesOf[g];
            var best = 0;
            var bestScore = double.MaxValue;
            for (var candidate = 0; candidate < 3; candidate++)
            {
                if (targets[candidate] <= 0)
                {
                    continue;
                }

                var score = 0.0;
                for (var k = 0; k < 3; k++)
                {
                    var rowDev = ((rowsIn[k] + (k == candidate ? members.Count : 0)) / n) - targets[k];
                    var posDev = totalPositives == 0 ? 0 : ((posIn[k] + (k == candidate ? positives : 0)) / totalPositives) - targets[k];
                    score += (rowDev * rowDev) + (posDev * posDev);
                }

                if (score < bestScore)
                {
                    bestScore = score;
                    best = candidate;
                }
            }

            rowsIn[best] += members.Count;
            posIn[best] += positives;
            foreach (var r in members)
            {
                assignment[r] = best;
            }
        }
    }

    private RandomSource DistortionSource => LeadForge.Randomness.RandomSource.FromSeed(_config.Seed).Derive("render/distortions");

    private double Clamp(string name, double x, IReadOnlyList<double> acv) => name switch
    {
        "opportunity_estimated_acv" or "expected_acv" => Math.Clamp(x, acv[0], acv[1]),
        "days_since_first_touch" or "days_since_last_touch" => Math.Clamp(x, 0, _config.Recipe.SnapshotDay),
        "days_in_stage" => Math.Clamp(x, 0, _config.Recipe.SnapshotDay),
        _ => Math.Max(0, x),
    };

    private static (double Median, double Sd) Stats(Column column)
    {
        var xs = new List<double>();
        for (var r = 0; r < column.Length; r++)
        {
            if (column.GetValue(r) is { } v)
            {
                xs.Add(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (xs.Count < 2)
        {
            return (0, 0);
        }

        xs.Sort();
        var mean = xs.Average();
        var sd = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
        return (xs[xs.Count / 2], sd);
    }

    /// <summary>
    /// Splits rows: grouped by account and stratified on the label (default), random, or temporal.
    /// Every assignment is a function of the lead (random, temporal) or of its block of accounts
    /// (grouped; see <see cref="SplitBlocks"/>), never of the other rows in this run, so the union of
    /// shards has exactly the splits of the unsharded run.
    /// </summary>
    public (Table Train, Table Valid, Table Test) Split(Table snapshot)
    {
        var split = _settings.Split;
        var n = snapshot.RowCount;
        var assignment = new int[n];
        var labels = snapshot[Label].As<bool>();
        var leadIds = snapshot["lead_id"].AsString();
        var lead = new int[n];
        for (var r = 0; r < n; r++)
        {
            Identifiers.EntityId.TryParse(leadIds[r], Identifiers.EntityPrefixes.Lead, out var number);
            lead[r] = (int)number - 1;
        }

        var source = LeadForge.Randomness.RandomSource.FromSeed(_config.Seed).Derive("render/split");
        double[] targets = [split.Train, split.Valid, split.Test];
        int Cut(double u) => u < split.Train ? 0 : u < split.Train + split.Valid ? 1 : 2;
        switch (split.Strategy)
        {
            case SplitStrategy.Random:
                for (var r = 0; r < n; r++)
                {
                    assignment[r] = Cut(source.Stream(lead[r]).NextDouble());
                }

                break;

            case SplitStrategy.Temporal:
                // Lead numbers follow creation time over the whole plan, so the cut is global.
                for (var r = 0; r < n; r++)
                {
                    assignment[r] = Cut((lead[r] + 0.5) / _plan.LeadCount);
                }

                break;

            default:
            {
                var rowsByAccount = new SortedDictionary<int, List<int>>();
                for (var r = 0; r < n; r++)
                {
                    var a = _plan.LeadAccount[lead[r]];
                    if (!rowsByAccount.TryGetValue(a, out var list))
                    {
                        rowsByAccount[a] = list = [];
                    }

                    list.Add(r);
                }

                var bounds = SplitBlocks.Boundaries(_plan);
                foreach (var block in rowsByAccount.GroupBy(kv => SplitBlocks.BlockOf(bounds, kv.Key)))
                {
                    AssignBlock(block.Select(kv => kv.Value).ToArray(), labels, targets, source.Stream(block.Key), assignment);
                }

                break;
            }
        }

        Table Part(int k) => snapshot.Take(Enumerable.Range(0, n).Where(r => assignment[r] == k).ToArray());
        return (Part(0), Part(1), Part(2));
    }
}
