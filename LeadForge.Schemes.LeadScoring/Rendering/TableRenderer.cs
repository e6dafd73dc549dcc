using System.Globalization;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring.Planning;
using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Schemes.LeadScoring.World;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Renders the simulated world as relational tables, full (instructor) or snapshot-safe (public).
/// Columns are filled directly as typed arrays (entity-id numbers, category codes, values): event
/// tables count each lead's rows first, then fill every lead's rows at its offset, in parallel
/// chunks of leads, so the result is the same for any degree of parallelism.
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

    public static string AccountId(int a) => EntityId.Format(EntityPrefixes.Account, a + 1);

    public static string ContactId(int c) => EntityId.Format(EntityPrefixes.Contact, c + 1);

    public static string LeadId(int l) => EntityId.Format(EntityPrefixes.Lead, l + 1);

    public static string RepId(int r) => EntityId.Format(EntityPrefixes.Rep, r + 1);

    public static string OpportunityId(int l) => EntityId.Format(EntityPrefixes.Opportunity, ((l + 1) * 10L) + 1);

    /// <summary>The rendered leads (those with a history, i.e. in this shard), in id order.</summary>
    public ReadOnlySpan<int> RenderedLeads => _leads;

    public DateTime CreatedAt(int l) => _calendar.At(_plan.LeadCreatedDay[l], _plan.LeadCreatedSecond[l]);

    /// <summary>The snapshot cut of a lead: events on relative days before <c>snapshot_day</c>.</summary>
    public Moment Anchor => new(_config.Recipe.SnapshotDay, 0);

    public IReadOnlyList<Table> Render(bool snapshotSafe)
    {
        var tables = new List<Table> { AccountsTable(), ContactsTable(), RepsTable(), LeadsTable(snapshotSafe), StageHistoryTable(snapshotSafe), TouchesTable(snapshotSafe), SessionsTable(snapshotSafe), ActivitiesTable(snapshotSafe), OpportunitiesTable(snapshotSafe) };
        if (!snapshotSafe)
        {
            tables.Add(CustomersTable());
            tables.Add(SubscriptionsTable());
            tables.Add(AttributionTable());
        }

        return tables;
    }

    /// <summary>Events at or after this many seconds from creation are cut (the anchor when snapshot-safe, else none).</summary>
    private long Cut(bool snapshotSafe) => snapshotSafe ? Anchor.TotalSeconds : long.MaxValue;

    private Table AccountsTable()
    {
        var s = _settings;
        var start = _accounts.Start;
        var n = _accounts.End - start;
        var industries = Categories.Of(s.Narrative.Market.IcpIndustries);
        var regions = Categories.Of(s.Narrative.Market.Geographies);
        var bands = Categories.Of(s.Accounts.EmployeeBands, b => b.Name);
        var segments = Categories.Of(s.Accounts.Segments, x => x.Name);
        var revenue = Categories.Of(s.Accounts.RevenueBands);
        var maturity = Categories.Of(s.Accounts.MaturityBands);
        var ids = new long[n];
        var names = new string?[n];
        var industry = new int[n];
        var region = new int[n];
        var band = new int[n];
        var segment = new int[n];
        var revenueBand = new int[n];
        var maturityBand = new int[n];
        var created = new DateTime[n];
        Chunks.Run(_parallelFor, n, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var a = start + i;
                ids[i] = a + 1;
                names[i] = "Company " + (a + 1).ToString("D6", CultureInfo.InvariantCulture);
                industry[i] = industries.CodeOf[_plan.AccountIndustry[a]];
                region[i] = regions.CodeOf[_plan.AccountRegion[a]];
                band[i] = bands.CodeOf[_plan.AccountBand[a]];
                segment[i] = segments.CodeOf[_plan.AccountSegment[a]];
                revenueBand[i] = revenue.CodeOf[_world.AccountRevenueBand[a]];
                maturityBand[i] = maturity.CodeOf[_world.AccountMaturityBand[a]];
                created[i] = _calendar.At(_plan.AccountCreatedDay[a], 9 * 3600);
            }
        });
        var set = new ColumnSet(Schemas.Accounts);
        set.Ids("account_id", EntityPrefixes.Account, ids);
        set.Strings("company_name", names);
        set.Codes("industry", industries, industry);
        set.Codes("region", regions, region);
        set.Codes("employee_band", bands, band);
        set.Codes("segment", segments, segment);
        set.Codes("estimated_revenue_band", revenue, revenueBand);
        set.Codes("process_maturity_band", maturity, maturityBand);
        set.Values("created_at", created);
        return set.Build(_parallelFor);
    }

    private Table ContactsTable()
    {
        var s = _settings;
        var inShard = new List<int>();
        for (var c = 0; c < _plan.ContactCount; c++)
        {
            var a = _plan.ContactAccount[c];
            if (a >= _accounts.Start && a < _accounts.End)
            {
                inShard.Add(c);
            }
        }

        var contacts = inShard.ToArray();
        inShard = null;
        var n = contacts.Length;
        var personas = s.Narrative.Personas;
        var roles = Categories.Of(personas, p => p.Role);
        var authorities = Categories.Of(personas, p => p.DecisionAuthority);
        var seniorities = Categories.Of(s.Contacts.SeniorityLevels);
        var emailTypes = Categories.Of(s.Contacts.EmailDomainTypes);
        var ids = new long[n];
        var accounts = new long[n];
        var titles = new string?[n];
        var role = new int[n];
        var seniority = new int[n];
        var authority = new int[n];
        var emailType = new int[n];
        var created = new DateTime[n];
        Chunks.Run(_parallelFor, n, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var c = contacts[i];
                var p = _plan.ContactPersona[c];
                ids[i] = c + 1;
                accounts[i] = _plan.ContactAccount[c] + 1;
                titles[i] = personas[p].TitleVariants[_plan.ContactTitle[c]];
                role[i] = roles.CodeOf[p];
                seniority[i] = seniorities.CodeOf[_world.ContactSeniority[c]];
                authority[i] = authorities.CodeOf[p];
                emailType[i] = emailTypes.CodeOf[_plan.ContactEmailType[c]];
                created[i] = _calendar.At(_plan.ContactCreatedDay[c], 10 * 3600);
            }
        });
        var set = new ColumnSet(Schemas.Contacts);
        set.Ids("contact_id", EntityPrefixes.Contact, ids);
        set.Ids("account_id", EntityPrefixes.Account, accounts);
        set.Strings("job_title", titles);
        set.Codes("role_function", roles, role);
        set.Codes("seniority", seniorities, seniority);
        set.Codes("buyer_role", authorities, authority);
        set.Codes("email_domain_type", emailTypes, emailType);
        set.Values("created_at", created);
        return set.Build(_parallelFor);
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

    private Table LeadsTable(bool snapshotSafe)
    {
        var schema = snapshotSafe ? PublicLeadsSchema : Schemas.Leads;
        var leads = _leads;
        var n = leads.Length;
        var channels = Categories.Of(_settings.Narrative.Channels, c => c.Name);
        var stages = Categories.Of(FunnelSimulator.StageNames);
        var ids = new long[n];
        var contacts = new long[n];
        var accounts = new long[n];
        var created = new DateTime[n];
        var source = new int[n];
        var reps = new long[n];
        var stage = snapshotSafe ? [] : new int[n];
        var isSql = snapshotSafe ? [] : new bool[n];
        var converted = snapshotSafe ? [] : new bool[n];
        var conversion = snapshotSafe ? [] : new DateTime[n];
        var notConverted = snapshotSafe ? [] : new bool[n];
        var end = new Moment(int.MaxValue / 100_000, 0);
        Chunks.Run(_parallelFor, n, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var l = leads[i];
                var at = CreatedAt(l);
                ids[i] = l + 1;
                contacts[i] = _plan.LeadContact[l] + 1;
                accounts[i] = _plan.LeadAccount[l] + 1;
                created[i] = at;
                source[i] = channels.CodeOf[_plan.LeadChannel[l]];
                reps[i] = _plan.LeadRep[l] + 1;
                if (!snapshotSafe)
                {
                    var h = _history[l]!;
                    stage[i] = stages.CodeOf[h.StageAt(end)];
                    isSql[i] = h.MaxStage >= 2;
                    converted[i] = IsConverted(h);
                    if (h.Outcome == LeadOutcome.Won)
                    {
                        conversion[i] = h.ClosedAt.ToTimestamp(at);
                    }
                    else
                    {
                        notConverted[i] = true;
                    }
                }
            }
        });
        var set = new ColumnSet(schema);
        set.Ids("lead_id", EntityPrefixes.Lead, ids);
        set.Ids("contact_id", EntityPrefixes.Contact, contacts);
        set.Ids("account_id", EntityPrefixes.Account, accounts);
        set.Values("lead_created_at", created);
        set.Codes("lead_source", channels, source);
        set.Codes("first_touch_channel", channels, source);
        set.Ids("owner_rep_id", EntityPrefixes.Rep, reps);
        set.Codes("current_stage", stages, stage);
        set.Values("is_sql", isSql);
        set.Values("converted_within_90_days", converted);
        set.Values("conversion_timestamp", conversion, notConverted);
        return set.Build(_parallelFor);
    }

    public static readonly TableSchema PublicLeadsSchema = Schemas.Leads.Select(c => c.Name is not ("current_stage" or "is_sql" or "converted_within_90_days" or "conversion_timestamp"));

    public static readonly TableSchema PublicOpportunitiesSchema = Schemas.Opportunities.Select(c => c.Name is not ("close_outcome" or "closed_at"));

    public bool IsConverted(LeadHistory h) => h.Outcome == LeadOutcome.Won && h.ClosedAt.Day < _config.Recipe.LabelWindowDays;

    /// <summary>Rows per lead and their offsets: the rows of <c>_leads[i]</c> are [offsets[i], offsets[i + 1]).</summary>
    private int[] Offsets(Func<LeadHistory, int> rowsOf) =>
        Chunks.Offsets(_parallelFor, _leads.Length, i => rowsOf(_history[_leads[i]]!));

    /// <summary>Fills every lead's rows: <paramref name="fill"/>(lead, history, first row).</summary>
    private void Fill(Action<int, LeadHistory, int> fill, int[] offsets)
    {
        var leads = _leads;
        Chunks.Run(_parallelFor, leads.Length, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                if (offsets[i + 1] > offsets[i])
                {
                    fill(leads[i], _history[leads[i]]!, offsets[i]);
                }
            }
        });
    }

    private Table StageHistoryTable(bool snapshotSafe)
    {
        var cut = Cut(snapshotSafe);
        var offsets = Offsets(h =>
        {
            var rows = 0;
            for (var s = 0; s < LeadHistory.StageCount; s++)
            {
                rows += h.StageEntered[s].Day >= 0 && h.StageEntered[s].TotalSeconds < cut ? 1 : 0;
            }

            return rows + (h.Outcome == LeadOutcome.Lost && h.ClosedAt.TotalSeconds < cut ? 1 : 0);
        });
        var n = offsets[^1];
        var eventIds = new long[n];
        var leadIds = new long[n];
        var stage = new int[n];
        var enteredAt = new DateTime[n];
        Fill(
            (l, h, row) =>
            {
                var created = CreatedAt(l);
                for (var s = 0; s <= LeadHistory.StageCount; s++)
                {
                    var at = s < LeadHistory.StageCount ? h.StageEntered[s] : h.ClosedAt;
                    var entered = s < LeadHistory.StageCount ? at.Day >= 0 : h.Outcome == LeadOutcome.Lost;
                    if (!entered || at.TotalSeconds >= cut)
                    {
                        continue;
                    }

                    eventIds[row] = ((l + 1) * 10L) + s;
                    leadIds[row] = l + 1;
                    stage[row] = s;
                    enteredAt[row] = at.ToTimestamp(created);
                    row++;
                }
            },
            offsets);
        var set = new ColumnSet(Schemas.StageHistory);
        set.Ids("stage_event_id", EntityPrefixes.StageEvent, eventIds);
        set.Ids("lead_id", EntityPrefixes.Lead, leadIds);
        set.Codes("stage", Categories.Of(FunnelSimulator.StageNames), stage);
        set.Values("entered_at", enteredAt);
        return set.Build(_parallelFor);
    }

    public static string TouchId(int l, int k) => EntityId.Format(EntityPrefixes.Touch, ((l + 1) * 1000L) + k + 1);

    private Table TouchesTable(bool snapshotSafe)
    {
        var names = _settings.Narrative.Channels.Select(c => c.Name).ToList();
        var inbound = names.IndexOf("inbound_marketing");
        if (inbound < 0)
        {
            inbound = names.Count;
            names.Add("inbound_marketing");
        }

        var channels = Categories.Of(names);
        var cut = Cut(snapshotSafe);
        var offsets = Offsets(h =>
        {
            var rows = 0;
            for (var k = 0; k < h.Touches.Count && k < 999; k++)
            {
                rows += h.Touches[k].At.TotalSeconds < cut ? 1 : 0;
            }

            return rows;
        });
        var n = offsets[^1];
        var touchIds = new long[n];
        var leadIds = new long[n];
        var at = new DateTime[n];
        var type = new int[n];
        var channel = new int[n];
        var direction = new int[n];
        Fill(
            (l, h, row) =>
            {
                var created = CreatedAt(l);
                for (var k = 0; k < h.Touches.Count && k < 999; k++)
                {
                    var t = h.Touches[k];
                    if (t.At.TotalSeconds >= cut)
                    {
                        continue;
                    }

                    touchIds[row] = ((l + 1) * 1000L) + k + 1;
                    leadIds[row] = l + 1;
                    at[row] = t.At.ToTimestamp(created);
                    type[row] = t.Type;
                    channel[row] = channels.CodeOf[t.Channel == 255 ? inbound : t.Channel];
                    direction[row] = t.Inbound ? 0 : 1;
                    row++;
                }
            },
            offsets);
        var set = new ColumnSet(Schemas.Touches);
        set.Ids("touch_id", EntityPrefixes.Touch, touchIds);
        set.Ids("lead_id", EntityPrefixes.Lead, leadIds);
        set.Values("touch_timestamp", at);
        set.Codes("touch_type", Categories.Of(FunnelSimulator.TouchTypes), type);
        set.Codes("touch_channel", channels, channel);
        set.Codes("touch_direction", Categories.Of(["inbound", "outbound"]), direction);
        return set.Build(_parallelFor);
    }

    private Table SessionsTable(bool snapshotSafe)
    {
        var cut = Cut(snapshotSafe);
        var offsets = Offsets(h =>
        {
            var rows = 0;
            for (var k = 0; k < h.Sessions.Count && k < 999; k++)
            {
                rows += h.Sessions[k].At.TotalSeconds < cut ? 1 : 0;
            }

            return rows;
        });
        var n = offsets[^1];
        var sessionIds = new long[n];
        var leadIds = new long[n];
        var at = new DateTime[n];
        var type = new int[n];
        var pageViews = new int[n];
        var pricingViews = new int[n];
        var demoViews = new int[n];
        var duration = new int[n];
        Fill(
            (l, h, row) =>
            {
                var created = CreatedAt(l);
                for (var k = 0; k < h.Sessions.Count && k < 999; k++)
                {
                    var s = h.Sessions[k];
                    if (s.At.TotalSeconds >= cut)
                    {
                        continue;
                    }

                    sessionIds[row] = ((l + 1) * 1000L) + k + 1;
                    leadIds[row] = l + 1;
                    at[row] = s.At.ToTimestamp(created);
                    type[row] = s.Type;
                    pageViews[row] = s.PageViews;
                    pricingViews[row] = s.PricingViews;
                    demoViews[row] = s.DemoViews;
                    duration[row] = s.DurationSeconds;
                    row++;
                }
            },
            offsets);
        var set = new ColumnSet(Schemas.Sessions);
        set.Ids("session_id", EntityPrefixes.Session, sessionIds);
        set.Ids("lead_id", EntityPrefixes.Lead, leadIds);
        set.Values("session_timestamp", at);
        set.Codes("session_type", Categories.Of(FunnelSimulator.SessionTypes), type);
        set.Values("page_views", pageViews);
        set.Values("pricing_page_views", pricingViews);
        set.Values("demo_page_views", demoViews);
        set.Values("session_duration_seconds", duration);
        return set.Build(_parallelFor);
    }

    private Table ActivitiesTable(bool snapshotSafe)
    {
        var cut = Cut(snapshotSafe);
        var offsets = Offsets(h =>
        {
            var rows = 0;
            for (var k = 0; k < h.Activities.Count && k < 999; k++)
            {
                rows += h.Activities[k].At.TotalSeconds < cut ? 1 : 0;
            }

            return rows;
        });
        var n = offsets[^1];
        var activityIds = new long[n];
        var leadIds = new long[n];
        var repIds = new long[n];
        var at = new DateTime[n];
        var type = new int[n];
        var outcome = new int[n];
        Fill(
            (l, h, row) =>
            {
                var created = CreatedAt(l);
                var rep = _plan.LeadRep[l] + 1;
                for (var k = 0; k < h.Activities.Count && k < 999; k++)
                {
                    var a = h.Activities[k];
                    if (a.At.TotalSeconds >= cut)
                    {
                        continue;
                    }

                    activityIds[row] = ((l + 1) * 1000L) + k + 1;
                    leadIds[row] = l + 1;
                    repIds[row] = rep;
                    at[row] = a.At.ToTimestamp(created);
                    type[row] = a.Type;
                    outcome[row] = a.Outcome;
                    row++;
                }
            },
            offsets);
        var set = new ColumnSet(Schemas.Activities);
        set.Ids("activity_id", EntityPrefixes.Activity, activityIds);
        set.Ids("lead_id", EntityPrefixes.Lead, leadIds);
        set.Ids("rep_id", EntityPrefixes.Rep, repIds);
        set.Values("activity_timestamp", at);
        set.Codes("activity_type", Categories.Of(FunnelSimulator.ActivityTypes), type);
        set.Codes("activity_outcome", Categories.Of(FunnelSimulator.ActivityOutcomes), outcome);
        return set.Build(_parallelFor);
    }

    private Table OpportunitiesTable(bool snapshotSafe)
    {
        var cut = Cut(snapshotSafe);
        var offsets = Offsets(h => h.HasOpportunity && h.OpportunityCreated.TotalSeconds < cut ? 1 : 0);
        var n = offsets[^1];
        var opportunityIds = new long[n];
        var leadIds = new long[n];
        var accountIds = new long[n];
        var createdAt = new DateTime[n];
        var stage = new int[n];
        var acv = new double[n];
        var outcome = snapshotSafe ? [] : new int[n];
        var closedAt = snapshotSafe ? [] : new DateTime[n];
        var open = snapshotSafe ? [] : new bool[n];
        var stageAt = snapshotSafe ? Anchor : new Moment(int.MaxValue / 100_000, 0);
        Fill(
            (l, h, row) =>
            {
                var created = CreatedAt(l);
                opportunityIds[row] = ((l + 1) * 10L) + 1;
                leadIds[row] = l + 1;
                accountIds[row] = _plan.LeadAccount[l] + 1;
                createdAt[row] = h.OpportunityCreated.ToTimestamp(created);
                stage[row] = h.StageAt(stageAt);
                acv[row] = h.Acv;
                if (!snapshotSafe)
                {
                    outcome[row] = h.Outcome switch { LeadOutcome.Won => 0, LeadOutcome.Lost => 1, _ => -1 };
                    if (h.Outcome == LeadOutcome.Open)
                    {
                        open[row] = true;
                    }
                    else
                    {
                        closedAt[row] = h.ClosedAt.ToTimestamp(created);
                    }
                }
            },
            offsets);
        var set = new ColumnSet(snapshotSafe ? PublicOpportunitiesSchema : Schemas.Opportunities);
        set.Ids("opportunity_id", EntityPrefixes.Opportunity, opportunityIds);
        set.Ids("lead_id", EntityPrefixes.Lead, leadIds);
        set.Ids("account_id", EntityPrefixes.Account, accountIds);
        set.Values("created_at", createdAt);
        set.Codes("stage", Categories.Of(FunnelSimulator.StageNames), stage);
        set.Values("estimated_acv", acv);
        set.Codes("close_outcome", Categories.Of(["closed_won", "closed_lost"]), outcome);
        set.Values("closed_at", closedAt, open);
        return set.Build(_parallelFor);
    }

    private Table CustomersTable()
    {
        var offsets = Offsets(h => h.Outcome == LeadOutcome.Won ? 1 : 0);
        var n = offsets[^1];
        var customerIds = new long[n];
        var opportunityIds = new long[n];
        var accountIds = new long[n];
        var startAt = new DateTime[n];
        Fill(
            (l, h, row) =>
            {
                customerIds[row] = ((l + 1) * 10L) + 1;
                opportunityIds[row] = ((l + 1) * 10L) + 1;
                accountIds[row] = _plan.LeadAccount[l] + 1;
                startAt[row] = h.ClosedAt.ToTimestamp(CreatedAt(l));
            },
            offsets);
        var set = new ColumnSet(Schemas.Customers);
        set.Ids("customer_id", EntityPrefixes.Customer, customerIds);
        set.Ids("opportunity_id", EntityPrefixes.Opportunity, opportunityIds);
        set.Ids("account_id", EntityPrefixes.Account, accountIds);
        set.Values("customer_start_at", startAt);
        return set.Build(_parallelFor);
    }

    private Table SubscriptionsTable()
    {
        // A plan is the first tier whose ceiling is above the ACV, else the last tier, else "standard".
        var tiers = _settings.Narrative.Product.Plans;
        var plans = Categories.Of([.. tiers.Select(p => p.Name), "standard"]);
        var offsets = Offsets(h => h.Outcome == LeadOutcome.Won ? 1 : 0);
        var n = offsets[^1];
        var subscriptionIds = new long[n];
        var customerIds = new long[n];
        var plan = new int[n];
        var acv = new double[n];
        var term = new int[n];
        var startAt = new DateTime[n];
        var endAt = new DateTime[n];
        var status = new int[n];
        Fill(
            (l, h, row) =>
            {
                var start = h.ClosedAt.ToTimestamp(CreatedAt(l));
                var tier = 0;
                while (tier < tiers.Count && !(h.Acv < tiers[tier].MaxAcvUsd))
                {
                    tier++;
                }

                subscriptionIds[row] = ((l + 1) * 10L) + 1;
                customerIds[row] = ((l + 1) * 10L) + 1;
                plan[row] = plans.CodeOf[tier < tiers.Count ? tier : tiers.Count > 0 ? tiers.Count - 1 : tiers.Count];
                acv[row] = h.Acv;
                term[row] = h.ContractTermMonths;
                startAt[row] = start;
                endAt[row] = start.AddMonths(h.ContractTermMonths);
            },
            offsets);
        var set = new ColumnSet(Schemas.Subscriptions);
        set.Ids("subscription_id", EntityPrefixes.Subscription, subscriptionIds);
        set.Ids("customer_id", EntityPrefixes.Customer, customerIds);
        set.Codes("plan_name", plans, plan);
        set.Values("acv", acv);
        set.Values("contract_term_months", term);
        set.Values("subscription_start_at", startAt);
        set.Values("subscription_end_at", endAt);
        set.Codes("subscription_status", Categories.Of(["active"]), status);
        return set.Build(_parallelFor);
    }

    private Table AttributionTable()
    {
        // One row per touch before the close of a won lead (at most 999 touches a lead).
        var offsets = Offsets(h =>
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
        });
        var n = offsets[^1];
        var attributionIds = new long[n];
        var opportunityIds = new long[n];
        var touchIds = new long[n];
        var first = new double[n];
        var last = new double[n];
        var linear = new double[n];
        var decay = new double[n];
        Fill(
            (l, h, row) =>
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

                    attributionIds[row] = ((l + 1) * 1000L) + i + 1;
                    opportunityIds[row] = ((l + 1) * 10L) + 1;
                    touchIds[row] = ((l + 1) * 1000L) + k + 1;
                    decay[row] = Math.Pow(0.5, (h.ClosedAt.TotalSeconds - at.TotalSeconds) / (7 * 86_400.0));
                    row++;
                    i++;
                }

                var decaySum = 0.0;
                for (var r = start; r < row; r++)
                {
                    decaySum += decay[r];
                }

                for (var r = start; r < row; r++)
                {
                    first[r] = r == start ? 1 : 0;
                    last[r] = r == row - 1 ? 1 : 0;
                    linear[r] = 1.0 / i;
                    decay[r] /= decaySum;
                }
            },
            offsets);
        var set = new ColumnSet(Schemas.Attribution);
        set.Ids("attribution_id", EntityPrefixes.Attribution, attributionIds);
        set.Ids("opportunity_id", EntityPrefixes.Opportunity, opportunityIds);
        set.Ids("touch_id", EntityPrefixes.Touch, touchIds);
        set.Values("first_touch_weight", first);
        set.Values("last_touch_weight", last);
        set.Values("linear_weight", linear);
        set.Values("time_decay_weight", decay);
        return set.Build(_parallelFor);
    }
}
