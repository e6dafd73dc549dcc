using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>Renders the simulated world as relational tables, full (instructor) or snapshot-safe (public).</summary>
internal sealed class TableRenderer
{
    private readonly LeadScoringSettings _settings;
    private readonly LeadForge.Configuration.GenerationConfig _config;
    private readonly PopulationPlan _plan;
    private readonly HiddenWorld _world;
    private readonly LeadHistory?[] _history;
    private readonly (int Start, int End) _accounts;
    private int[]? _simulated;

    public TableRenderer(LeadScoringSettings settings, LeadForge.Configuration.GenerationConfig config, PopulationPlan plan, HiddenWorld world, LeadHistory?[] history, (int Start, int End) accounts)
    {
        _settings = settings;
        _config = config;
        _plan = plan;
        _world = world;
        _history = history;
        _accounts = accounts;
    }

    public static string AccountId(int a) => EntityId.Format(EntityPrefixes.Account, a + 1);

    public static string ContactId(int c) => EntityId.Format(EntityPrefixes.Contact, c + 1);

    public static string LeadId(int l) => EntityId.Format(EntityPrefixes.Lead, l + 1);

    public static string RepId(int r) => EntityId.Format(EntityPrefixes.Rep, r + 1);

    public static string OpportunityId(int l) => EntityId.Format(EntityPrefixes.Opportunity, ((l + 1) * 10L) + 1);

    public DateTime CreatedAt(int l) => _config.Calendar.At(_plan.LeadCreatedDay[l], _plan.LeadCreatedSecond[l]);

    /// <summary>The snapshot cut of a lead: events on relative days before <c>snapshot_day</c>.</summary>
    public Moment Anchor => new(_config.Recipe.SnapshotDay, 0);

    private bool AccountInShard(int a) => a >= _accounts.Start && a < _accounts.End;

    /// <summary>Renders the relational tables.</summary>
    /// <param name="snapshotSafe">Cut every table at the snapshot anchor (public exposure).</param>
    /// <param name="releaseEvents">
    /// Release each kind of history event as soon as its last table is built (see
    /// <see cref="LeadHistory.ReleaseEvents"/>); only when nothing reads the events afterwards.
    /// </param>
    public IReadOnlyList<Table> Render(bool snapshotSafe, bool releaseEvents = false)
    {
        void Release(EventKinds kinds)
        {
            if (releaseEvents)
            {
                LeadHistory.ReleaseEvents(_history, kinds);
            }
        }

        var tables = new List<Table> { AccountsTable(), ContactsTable(), RepsTable(), LeadsTable(snapshotSafe), StageHistoryTable(snapshotSafe), TouchesTable(snapshotSafe) };
        Release(snapshotSafe ? EventKinds.Touches : EventKinds.None); // the instructor's attribution table reads them last
        tables.Add(SessionsTable(snapshotSafe));
        Release(EventKinds.Sessions);
        tables.Add(ActivitiesTable(snapshotSafe));
        Release(EventKinds.Activities);
        tables.Add(OpportunitiesTable(snapshotSafe));
        if (!snapshotSafe)
        {
            tables.Add(CustomersTable());
            tables.Add(SubscriptionsTable());
            tables.Add(AttributionTable());
            Release(EventKinds.Touches);
        }

        return tables;
    }

    private bool Keep(Moment at, bool snapshotSafe) => !snapshotSafe || at.CompareTo(Anchor) < 0;

    /// <summary>
    /// The rows a table built from the histories will have, counted first so that its columns are
    /// allocated once at their final size (a growing column of millions of rows is copied at every
    /// doubling, and once more to trim it).
    /// </summary>
    private int Rows(Func<LeadHistory, int> rowsOfLead)
    {
        var rows = 0;
        foreach (var (_, h) in Leads())
        {
            rows += rowsOfLead(h);
        }

        return rows;
    }

    /// <summary>The events of one kind of a lead that an event table keeps: the first 999, before the anchor when snapshot-safe.</summary>
    private int KeptEvents<T>(ReadOnlySpan<T> events, bool snapshotSafe)
        where T : struct, ITimedEvent
    {
        var n = Math.Min(events.Length, 999);
        if (!snapshotSafe)
        {
            return n;
        }

        var anchor = Anchor.PackedSeconds;
        var kept = 0;
        for (var k = 0; k < n; k++)
        {
            kept += events[k].AtSeconds < anchor ? 1 : 0;
        }

        return kept;
    }

    private Table AccountsTable()
    {
        var b = new TableBuilder(Schemas.Accounts, _accounts.End - _accounts.Start);
        var s = _settings;
        for (var a = _accounts.Start; a < _accounts.End; a++)
        {
            b.Strings("account_id").Add(AccountId(a));
            b.Strings("company_name").Add("Company " + (a + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            b.Strings("industry").Add(s.Narrative.Market.IcpIndustries[_plan.AccountIndustry[a]]);
            b.Strings("region").Add(s.Narrative.Market.Geographies[_plan.AccountRegion[a]]);
            b.Strings("employee_band").Add(s.Accounts.EmployeeBands[_plan.AccountBand[a]].Name);
            b.Strings("segment").Add(s.Accounts.Segments[_plan.AccountSegment[a]].Name);
            b.Strings("estimated_revenue_band").Add(s.Accounts.RevenueBands[_world.AccountRevenueBand[a]]);
            b.Strings("process_maturity_band").Add(s.Accounts.MaturityBands[_world.AccountMaturityBand[a]]);
            b.Values<DateTime>("created_at").Add(_config.Calendar.At(_plan.AccountCreatedDay[a], 9 * 3600));
        }

        return b.Build();
    }

    private Table ContactsTable()
    {
        var b = new TableBuilder(Schemas.Contacts);
        for (var c = 0; c < _plan.ContactCount; c++)
        {
            if (!AccountInShard(_plan.ContactAccount[c]))
            {
                continue;
            }

            var persona = _settings.Narrative.Personas[_plan.ContactPersona[c]];
            b.Strings("contact_id").Add(ContactId(c));
            b.Strings("account_id").Add(AccountId(_plan.ContactAccount[c]));
            b.Strings("job_title").Add(persona.TitleVariants[_plan.ContactTitle[c]]);
            b.Strings("role_function").Add(persona.Role);
            b.Strings("seniority").Add(_settings.Contacts.SeniorityLevels[_world.ContactSeniority[c]]);
            b.Strings("buyer_role").Add(persona.DecisionAuthority);
            b.Strings("email_domain_type").Add(_settings.Contacts.EmailDomainTypes[_plan.ContactEmailType[c]]);
            b.Values<DateTime>("created_at").Add(_config.Calendar.At(_plan.ContactCreatedDay[c], 10 * 3600));
        }

        return b.Build();
    }

    private Table RepsTable()
    {
        var b = new TableBuilder(Schemas.Reps);

        // Reps are shared by all accounts: only the shard holding the first account writes them, so
        // the union of shards has each rep once.
        for (var r = 0; _accounts.Start == 0 && _accounts.End > 0 && r < _plan.RepCount; r++)
        {
            b.Strings("rep_id").Add(RepId(r));
            b.Strings("segment").Add(_settings.Accounts.Segments[_plan.RepSegment[r]].Name);
        }

        return b.Build();
    }

    /// <summary>The simulated leads with their histories, in lead order (a shard's leads are found once, not once per table).</summary>
    private SimulatedLeads Leads() => new(_history, _simulated ??= Enumerable.Range(0, _history.Length).Where(l => _history[l] is not null).ToArray());

    private readonly struct SimulatedLeads(LeadHistory?[] history, int[] leads)
    {
        public Enumerator GetEnumerator() => new(history, leads);

        public struct Enumerator(LeadHistory?[] history, int[] leads)
        {
            private int _next = -1;

            public readonly (int Lead, LeadHistory History) Current => (leads[_next], history[leads[_next]]!);

            public bool MoveNext() => ++_next < leads.Length;
        }
    }

    private Table LeadsTable(bool snapshotSafe)
    {
        var schema = snapshotSafe ? PublicLeadsSchema : Schemas.Leads;
        var b = new TableBuilder(schema, Rows(_ => 1));
        foreach (var (l, h) in Leads())
        {
            var created = CreatedAt(l);
            b.EntityIds("lead_id", EntityPrefixes.Lead).Add(l + 1);
            b.EntityIds("contact_id", EntityPrefixes.Contact).Add(_plan.LeadContact[l] + 1);
            b.EntityIds("account_id", EntityPrefixes.Account).Add(_plan.LeadAccount[l] + 1);
            b.Values<DateTime>("lead_created_at").Add(created);
            var source = _settings.Narrative.Channels[_plan.LeadChannel[l]].Name;
            b.Strings("lead_source").Add(source);
            b.Strings("first_touch_channel").Add(source);
            b.EntityIds("owner_rep_id", EntityPrefixes.Rep).Add(_plan.LeadRep[l] + 1);
            if (!snapshotSafe)
            {
                var end = new Moment(int.MaxValue / 100_000, 0);
                b.Strings("current_stage").Add(FunnelSimulator.StageNames[h.StageAt(end)]);
                b.Values<bool>("is_sql").Add(h.MaxStage >= 2);
                b.Values<bool>("converted_within_90_days").Add(IsConverted(h));
                b.Values<DateTime>("conversion_timestamp").Add(h.Outcome == LeadOutcome.Won ? h.ClosedAt.ToTimestamp(created) : null);
            }
        }

        return b.Build();
    }

    public static readonly TableSchema PublicLeadsSchema = Schemas.Leads.Select(c => c.Name is not ("current_stage" or "is_sql" or "converted_within_90_days" or "conversion_timestamp"));

    public static readonly TableSchema PublicOpportunitiesSchema = Schemas.Opportunities.Select(c => c.Name is not ("close_outcome" or "closed_at"));

    public bool IsConverted(LeadHistory h) => h.Outcome == LeadOutcome.Won && h.ClosedAt.Day < _config.Recipe.LabelWindowDays;

    private Table StageHistoryTable(bool snapshotSafe)
    {
        var b = new TableBuilder(Schemas.StageHistory, Rows(h =>
        {
            var rows = h.Outcome == LeadOutcome.Lost && Keep(h.ClosedAt, snapshotSafe) ? 1 : 0;
            for (var s = 0; s < LeadHistory.StageCount; s++)
            {
                rows += h.StageEntered[s].Day >= 0 && Keep(h.StageEntered[s], snapshotSafe) ? 1 : 0;
            }

            return rows;
        }));
        var eventId = b.EntityIds("stage_event_id", EntityPrefixes.StageEvent);
        var leadId = b.EntityIds("lead_id", EntityPrefixes.Lead);
        var stageCol = b.Codes("stage", FunnelSimulator.StageNames);
        var enteredAt = b.Values<DateTime>("entered_at");
        foreach (var (l, h) in Leads())
        {
            var created = CreatedAt(l);
            var entries = new List<(Moment At, int Stage)>();
            for (var s = 0; s < LeadHistory.StageCount; s++)
            {
                if (h.StageEntered[s].Day >= 0)
                {
                    entries.Add((h.StageEntered[s], s));
                }
            }

            if (h.Outcome == LeadOutcome.Lost)
            {
                entries.Add((h.ClosedAt, 8));
            }

            foreach (var (at, stage) in entries)
            {
                if (!Keep(at, snapshotSafe))
                {
                    continue;
                }

                eventId.Add(((l + 1) * 10L) + stage);
                leadId.Add(l + 1);
                stageCol.Add(stage);
                enteredAt.Add(at.ToTimestamp(created));
            }
        }

        return b.Build();
    }

    public static string TouchId(int l, int k) => EntityId.Format(EntityPrefixes.Touch, ((l + 1) * 1000L) + k + 1);

    private Table TouchesTable(bool snapshotSafe)
    {
        var b = new TableBuilder(Schemas.Touches, Rows(h => KeptEvents(h.Touches.AsSpan(), snapshotSafe)));
        var touchId = b.EntityIds("touch_id", EntityPrefixes.Touch);
        var leadId = b.EntityIds("lead_id", EntityPrefixes.Lead);
        var at = b.Values<DateTime>("touch_timestamp");
        var type = b.Codes("touch_type", FunnelSimulator.TouchTypes);
        var names = _settings.Narrative.Channels.Select(c => c.Name).ToList();
        var inbound = names.IndexOf("inbound_marketing");
        if (inbound < 0)
        {
            inbound = names.Count;
            names.Add("inbound_marketing");
        }

        var channels = names.ToArray();
        var channel = b.Codes("touch_channel", channels);
        var direction = b.Codes("touch_direction", ["inbound", "outbound"]);
        foreach (var (l, h) in Leads())
        {
            var created = CreatedAt(l);
            var events = h.Touches.AsSpan();
            for (var k = 0; k < events.Length && k < 999; k++)
            {
                ref readonly var t = ref events[k];
                if (!Keep(t.At, snapshotSafe))
                {
                    continue;
                }

                touchId.Add(((l + 1) * 1000L) + k + 1);
                leadId.Add(l + 1);
                at.Add(t.At.ToTimestamp(created));
                type.Add(t.Type);
                channel.Add(t.Channel == 255 ? inbound : t.Channel);
                direction.Add(t.Inbound ? 0 : 1);
            }
        }

        return b.Build();
    }

    private Table SessionsTable(bool snapshotSafe)
    {
        var b = new TableBuilder(Schemas.Sessions, Rows(h => KeptEvents(h.Sessions.AsSpan(), snapshotSafe)));
        var sessionId = b.EntityIds("session_id", EntityPrefixes.Session);
        var leadId = b.EntityIds("lead_id", EntityPrefixes.Lead);
        var at = b.Values<DateTime>("session_timestamp");
        var type = b.Codes("session_type", FunnelSimulator.SessionTypes);
        var pv = b.Values<int>("page_views");
        var ppv = b.Values<int>("pricing_page_views");
        var dpv = b.Values<int>("demo_page_views");
        var dur = b.Values<int>("session_duration_seconds");
        foreach (var (l, h) in Leads())
        {
            var created = CreatedAt(l);
            var events = h.Sessions.AsSpan();
            for (var k = 0; k < events.Length && k < 999; k++)
            {
                ref readonly var s = ref events[k];
                if (!Keep(s.At, snapshotSafe))
                {
                    continue;
                }

                sessionId.Add(((l + 1) * 1000L) + k + 1);
                leadId.Add(l + 1);
                at.Add(s.At.ToTimestamp(created));
                type.Add(s.Type);
                pv.Add(s.PageViews);
                ppv.Add(s.PricingViews);
                dpv.Add(s.DemoViews);
                dur.Add(s.DurationSeconds);
            }
        }

        return b.Build();
    }

    private Table ActivitiesTable(bool snapshotSafe)
    {
        var b = new TableBuilder(Schemas.Activities, Rows(h => KeptEvents(h.Activities.AsSpan(), snapshotSafe)));
        var activityId = b.EntityIds("activity_id", EntityPrefixes.Activity);
        var leadId = b.EntityIds("lead_id", EntityPrefixes.Lead);
        var repId = b.EntityIds("rep_id", EntityPrefixes.Rep);
        var at = b.Values<DateTime>("activity_timestamp");
        var type = b.Codes("activity_type", FunnelSimulator.ActivityTypes);
        var outcome = b.Codes("activity_outcome", FunnelSimulator.ActivityOutcomes);
        foreach (var (l, h) in Leads())
        {
            var created = CreatedAt(l);
            var events = h.Activities.AsSpan();
            for (var k = 0; k < events.Length && k < 999; k++)
            {
                ref readonly var a = ref events[k];
                if (!Keep(a.At, snapshotSafe))
                {
                    continue;
                }

                activityId.Add(((l + 1) * 1000L) + k + 1);
                leadId.Add(l + 1);
                repId.Add(_plan.LeadRep[l] + 1);
                at.Add(a.At.ToTimestamp(created));
                type.Add(a.Type);
                outcome.Add(a.Outcome);
            }
        }

        return b.Build();
    }

    private Table OpportunitiesTable(bool snapshotSafe)
    {
        var b = new TableBuilder(snapshotSafe ? PublicOpportunitiesSchema : Schemas.Opportunities, Rows(h => h.HasOpportunity && Keep(h.OpportunityCreated, snapshotSafe) ? 1 : 0));
        foreach (var (l, h) in Leads())
        {
            if (!h.HasOpportunity || !Keep(h.OpportunityCreated, snapshotSafe))
            {
                continue;
            }

            var created = CreatedAt(l);
            b.Strings("opportunity_id").Add(OpportunityId(l));
            b.Strings("lead_id").Add(LeadId(l));
            b.Strings("account_id").Add(AccountId(_plan.LeadAccount[l]));
            b.Values<DateTime>("created_at").Add(h.OpportunityCreated.ToTimestamp(created));
            var at = snapshotSafe ? Anchor : new Moment(int.MaxValue / 100_000, 0);
            var stage = h.StageAt(at);
            b.Strings("stage").Add(FunnelSimulator.StageNames[stage]);
            b.Values<double>("estimated_acv").Add(h.Acv);
            if (!snapshotSafe)
            {
                b.Strings("close_outcome").Add(h.Outcome switch { LeadOutcome.Won => "closed_won", LeadOutcome.Lost => "closed_lost", _ => null });
                b.Values<DateTime>("closed_at").Add(h.Outcome == LeadOutcome.Open ? null : h.ClosedAt.ToTimestamp(created));
            }
        }

        return b.Build();
    }

    private Table CustomersTable()
    {
        var b = new TableBuilder(Schemas.Customers);
        foreach (var (l, h) in Leads())
        {
            if (h.Outcome != LeadOutcome.Won)
            {
                continue;
            }

            b.Strings("customer_id").Add(EntityId.Format(EntityPrefixes.Customer, ((l + 1) * 10L) + 1));
            b.Strings("opportunity_id").Add(OpportunityId(l));
            b.Strings("account_id").Add(AccountId(_plan.LeadAccount[l]));
            b.Values<DateTime>("customer_start_at").Add(h.ClosedAt.ToTimestamp(CreatedAt(l)));
        }

        return b.Build();
    }

    private Table SubscriptionsTable()
    {
        var b = new TableBuilder(Schemas.Subscriptions);
        var plans = _settings.Narrative.Product.Plans;
        foreach (var (l, h) in Leads())
        {
            if (h.Outcome != LeadOutcome.Won)
            {
                continue;
            }

            var start = h.ClosedAt.ToTimestamp(CreatedAt(l));
            b.Strings("subscription_id").Add(EntityId.Format(EntityPrefixes.Subscription, ((l + 1) * 10L) + 1));
            b.Strings("customer_id").Add(EntityId.Format(EntityPrefixes.Customer, ((l + 1) * 10L) + 1));
            b.Strings("plan_name").Add(plans.FirstOrDefault(p => h.Acv < p.MaxAcvUsd)?.Name ?? plans.LastOrDefault()?.Name ?? "standard");
            b.Values<double>("acv").Add(h.Acv);
            b.Values<int>("contract_term_months").Add(h.ContractTermMonths);
            b.Values<DateTime>("subscription_start_at").Add(start);
            b.Values<DateTime>("subscription_end_at").Add(start.AddMonths(h.ContractTermMonths));
            b.Strings("subscription_status").Add("active");
        }

        return b.Build();
    }

    private Table AttributionTable()
    {
        var b = new TableBuilder(Schemas.Attribution);
        foreach (var (l, h) in Leads())
        {
            if (h.Outcome != LeadOutcome.Won)
            {
                continue;
            }

            var touches = Enumerable.Range(0, Math.Min(h.Touches.Count, 999)).Where(k => h.Touches[k].At.CompareTo(h.ClosedAt) < 0).ToArray();
            if (touches.Length == 0)
            {
                continue;
            }

            var decay = touches.Select(k => Math.Pow(0.5, (h.ClosedAt.TotalSeconds - h.Touches[k].At.TotalSeconds) / (7 * 86_400.0))).ToArray();
            var decaySum = decay.Sum();
            for (var i = 0; i < touches.Length; i++)
            {
                b.Strings("attribution_id").Add(EntityId.Format(EntityPrefixes.Attribution, ((l + 1) * 1000L) + i + 1));
                b.Strings("opportunity_id").Add(OpportunityId(l));
                b.Strings("touch_id").Add(TouchId(l, touches[i]));
                b.Values<double>("first_touch_weight").Add(i == 0 ? 1 : 0);
                b.Values<double>("last_touch_weight").Add(i == touches.Length - 1 ? 1 : 0);
                b.Values<double>("linear_weight").Add(1.0 / touches.Length);
                b.Values<double>("time_decay_weight").Add(decay[i] / decaySum);
            }
        }

        return b.Build();
    }
}
