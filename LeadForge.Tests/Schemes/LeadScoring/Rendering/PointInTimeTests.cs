using System.Globalization;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>
/// Point-in-time acceptance: every feature of every task row, rendered without distortions, equals a
/// brute-force recomputation from the instructor's full event tables restricted to the row's anchor.
/// The reference is written from the feature dictionary's definitions and the manifest's anchor rule,
/// never from the renderer's helpers.
/// </summary>
public class PointInTimeTests
{
    private const int Leads = 2000;

    /// <summary>Rendered values of float features are rounded to 4 decimals.</summary>
    private const double FloatTolerance = 6e-5;

    private static readonly Lazy<WorldBundle> World = new(() => LeadScoringWorlds
        .Builder(ExposureMode.ResearchInstructor, Difficulty.Intermediate, Leads, seed: 2024)
        .WithOverrideText(LeadScoringWorlds.NoDistortions(Difficulty.Intermediate), "no-distortions.yaml")
        .Generate());

    [Test]
    public void Every_feature_of_every_row_equals_a_brute_force_recomputation_from_the_events_before_its_anchor()
    {
        var b = World.Value;
        var settings = (LeadScoringSettings)b.Config.Recipe.World;
        var snapshotDay = ((LeadForge.Schemes.LeadScoring.LeadScoringSettings)b.Config.Recipe.World).Tasks.ConvertedWithin90Days.SnapshotDay;
        var labelWindow = ((LeadForge.Schemes.LeadScoring.LeadScoringSettings)b.Config.Recipe.World).Tasks.ConvertedWithin90Days.LabelWindowDays;
        var manifest = b.Tasks[LeadScoringWorlds.TaskId].Manifest;
        var task = LeadScoringWorlds.AllRows(b);

        // The documented rule the reference implements: anchor = created + snapshot_day days, events strictly before it.
        Assert.That(manifest.AnchorColumn, Is.EqualTo("snapshot_at"));
        Assert.That(manifest.AnchorRule, Does.Contain($"lead_created_at + {snapshotDay} days").And.Contain("strictly before the anchor"));

        var leads = b.Tables["leads"];
        var accounts = b.Tables["accounts"];
        var contacts = b.Tables["contacts"];
        var touches = b.Tables["touches"];
        var sessions = b.Tables["sessions"];
        var activities = b.Tables["sales_activities"];
        var stages = b.Tables["stage_history"];
        var opportunities = b.Tables["opportunities"];
        var leadRow = Index(leads, "lead_id");
        var accountRow = Index(accounts, "account_id");
        var contactRow = Index(contacts, "contact_id");
        var touchesOf = LeadScoringWorlds.GroupRows(touches, "lead_id");
        var sessionsOf = LeadScoringWorlds.GroupRows(sessions, "lead_id");
        var activitiesOf = LeadScoringWorlds.GroupRows(activities, "lead_id");
        var stagesOf = LeadScoringWorlds.GroupRows(stages, "lead_id");
        var opportunitiesOf = LeadScoringWorlds.GroupRows(opportunities, "lead_id");

        // Funnel order from the recipe: "reached sql" means any stage from sql up to closed_won (closed_lost is not a progression).
        var stageOrder = settings.Narrative.FunnelStages.Select(s => s.Name).ToList();
        var sqlIndex = stageOrder.IndexOf("sql");
        var wonIndex = stageOrder.IndexOf("closed_won");
        Assert.That(sqlIndex, Is.GreaterThan(0));
        Assert.That(wonIndex, Is.GreaterThan(sqlIndex));

        // One row per lead, unique row ids.
        var taskLeads = task["lead_id"].AsString().ToArray();
        Assert.That(task.RowCount, Is.EqualTo(leads.RowCount).And.EqualTo(Leads));
        Assert.That(taskLeads.Distinct(StringComparer.Ordinal).Count(), Is.EqualTo(task.RowCount), "lead_id is unique across the splits");
        Assert.That(task["row_id"].AsString().ToArray().Distinct(StringComparer.Ordinal).Count(), Is.EqualTo(task.RowCount), "row_id is unique across the splits");

        var mismatches = new List<string>();
        var checkedColumns = new HashSet<string>(StringComparer.Ordinal) { "row_id" };
        var eventsAfterAnchor = new Dictionary<string, int>(StringComparer.Ordinal);
        var eventsAtAnchor = 0;

        for (var r = 0; r < task.RowCount; r++)
        {
            var lead = taskLeads[r]!;
            var lr = leadRow[lead];
            var created = leads["lead_created_at"].As<DateTime>()[lr]!.Value;
            var anchor = created.AddDays(snapshotDay);
            bool Before(DateTime at)
            {
                eventsAtAnchor += at == anchor ? 1 : 0;
                return at < anchor;
            }

            void Check(string column, object? expected)
            {
                checkedColumns.Add(column);
                var actual = task[column].GetValue(r);
                var equal = (expected, actual) switch
                {
                    (null, null) => true,
                    (double e, double a) => Math.Abs(e - a) <= FloatTolerance,
                    _ => Equals(expected, actual),
                };
                if (!equal)
                {
                    mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{lead}.{column}: rendered {actual ?? "null"}, reference {expected ?? "null"}"));
                }
            }

            List<int> Of(Dictionary<string, List<int>> groups) => groups.TryGetValue(lead, out var rows) ? rows : [];
            void CountAfter(string table, IEnumerable<DateTime> times)
            {
                if (times.Any(t => t >= anchor))
                {
                    eventsAfterAnchor[table] = eventsAfterAnchor.GetValueOrDefault(table) + 1;
                }
            }

            // Identity, time and static attributes (leads, accounts, contacts).
            var account = leads["account_id"].AsString()[lr]!;
            var contact = leads["contact_id"].AsString()[lr]!;
            Check("lead_id", lead);
            Check("account_id", account);
            Check("contact_id", contact);
            Check("lead_created_at", created);
            Check("snapshot_at", anchor);
            foreach (var column in new[] { "industry", "region", "employee_band", "segment", "estimated_revenue_band", "process_maturity_band" })
            {
                Check(column, accounts[column].AsString()[accountRow[account]]);
            }

            foreach (var column in new[] { "role_function", "seniority", "buyer_role", "email_domain_type" })
            {
                Check(column, contacts[column].AsString()[contactRow[contact]]);
            }

            Check("lead_source", leads["lead_source"].AsString()[lr]);
            Check("owner_rep_id", leads["owner_rep_id"].AsString()[lr]);
            Check("arrival_weekday", ((int)created.DayOfWeek + 6) % 7);
            Check("arrival_month", created.Month);

            // Funnel as of the anchor (stage_history).
            var stageRows = Of(stagesOf);
            CountAfter("stage_history", stageRows.Select(s => stages["entered_at"].As<DateTime>()[s]!.Value));
            var entered = stageRows
                .Select(s => (At: stages["entered_at"].As<DateTime>()[s]!.Value, Stage: stages["stage"].AsString()[s]!))
                .Where(e => Before(e.At))
                .OrderBy(e => e.At)
                .ToArray();
            if (entered.Length == 0)
            {
                mismatches.Add($"{lead}: no stage entered before the anchor");
            }
            else
            {
                var current = entered[^1];
                Check("current_stage", current.Stage);
                Check("days_in_stage", (int)Math.Floor((anchor - current.At).TotalDays));
            }

            Check("is_sql", entered.Any(e => stageOrder.IndexOf(e.Stage) >= sqlIndex && stageOrder.IndexOf(e.Stage) <= wonIndex));
            Check("demo_completed", entered.Any(e => e.Stage == "demo_completed"));

            // Touches.
            var allTouches = Of(touchesOf).Select(t => (At: touches["touch_timestamp"].As<DateTime>()[t]!.Value, Direction: touches["touch_direction"].AsString()[t])).ToArray();
            CountAfter("touches", allTouches.Select(t => t.At));
            var seenTouches = allTouches.Where(t => Before(t.At)).ToArray();
            Check("touch_count", seenTouches.Length);
            Check("inbound_touch_count", seenTouches.Count(t => t.Direction == "inbound"));
            Check("outbound_touch_count", seenTouches.Count(t => t.Direction == "outbound"));
            Check("touches_days_0_7", seenTouches.Count(t => t.At >= created && t.At < created.AddDays(7)));
            Check("touches_last_7_days", seenTouches.Count(t => t.At >= anchor.AddDays(-7)));
            // The earliest touch is the lead's originating touch at creation; the feature ages the first follow-up.
            var followUps = seenTouches.OrderBy(t => t.At).Skip(1).ToArray();
            Check("days_since_first_touch", followUps.Length == 0 ? null : (anchor - followUps[0].At).TotalDays);
            Check("days_since_last_touch", seenTouches.Length == 0 ? null : (anchor - seenTouches.Max(t => t.At)).TotalDays);
            Check("total_touches_all", allTouches.Length);

            // Web sessions.
            var sessionRows = Of(sessionsOf);
            CountAfter("sessions", sessionRows.Select(s => sessions["session_timestamp"].As<DateTime>()[s]!.Value));
            var seenSessions = sessionRows.Where(s => Before(sessions["session_timestamp"].As<DateTime>()[s]!.Value)).ToArray();
            Check("session_count", seenSessions.Length);
            Check("sessions_last_7_days", seenSessions.Count(s => sessions["session_timestamp"].As<DateTime>()[s]!.Value >= anchor.AddDays(-7)));
            Check("pricing_page_views", seenSessions.Sum(s => sessions["pricing_page_views"].As<int>()[s]!.Value));
            Check("demo_page_views", seenSessions.Sum(s => sessions["demo_page_views"].As<int>()[s]!.Value));
            Check("total_session_duration_seconds", seenSessions.Sum(s => sessions["session_duration_seconds"].As<int>()[s]!.Value));

            // Sales activities.
            var activityRows = Of(activitiesOf);
            CountAfter("sales_activities", activityRows.Select(a => activities["activity_timestamp"].As<DateTime>()[a]!.Value));
            var seenActivities = activityRows.Where(a => Before(activities["activity_timestamp"].As<DateTime>()[a]!.Value)).ToArray();
            Check("activity_count", seenActivities.Length);
            Check("connected_calls", seenActivities.Count(a => activities["activity_outcome"].AsString()[a] == "connected"));
            Check("meetings_held", seenActivities.Count(a => activities["activity_type"].AsString()[a] == "meeting"));

            // Opportunities as of the anchor: created before it; open when not closed before it.
            var opportunityRows = Of(opportunitiesOf);
            CountAfter("opportunities", opportunityRows.Select(o => opportunities["created_at"].As<DateTime>()[o]!.Value));
            var existing = opportunityRows.Where(o => Before(opportunities["created_at"].As<DateTime>()[o]!.Value)).ToArray();
            var open = existing.Where(o => opportunities["closed_at"].As<DateTime>()[o] is not { } closed || !Before(closed))
                .OrderBy(o => opportunities["created_at"].As<DateTime>()[o]!.Value).ToArray();
            Check("opportunity_created", existing.Length > 0);
            Check("has_open_opportunity", open.Length > 0);
            double? openAcv = open.Length > 0 ? opportunities["estimated_acv"].As<double>()[open[^1]] : null;
            Check("opportunity_estimated_acv", openAcv);
            var segment = settings.Accounts.Segments.Single(s => s.Name == accounts["segment"].AsString()[accountRow[account]]);
            Check("expected_acv", openAcv ?? (settings.Narrative.Market.AvgDealSizeUsd * segment.DealSizeMultiplier));

            // Label: a closed_won opportunity closing within the label window of creation.
            var won = opportunityRows.Any(o => opportunities["close_outcome"].AsString()[o] == "closed_won" && opportunities["closed_at"].As<DateTime>()[o] is { } at && at >= created && at <= created.AddDays(labelWindow));
            Check("converted_within_90_days", won);
            if (leads["converted_within_90_days"].As<bool>()[lr] != won)
            {
                mismatches.Add($"{lead}: leads.converted_within_90_days disagrees with the opportunities");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(checkedColumns, Is.EquivalentTo(task.Schema.Columns.Select(c => c.Name)), "the reference covers exactly the task's columns");
            Assert.That(mismatches, Is.Empty, () => $"{mismatches.Count} mismatches; first: {string.Join("; ", mismatches.Take(20))}");
            Assert.That(eventsAtAnchor, Is.Zero, "no event sits exactly on an anchor, so 'before' and 'at or before' agree");

            // The comparison discriminates: many leads have events after their anchor that a leaky feature would count.
            foreach (var table in new[] { "touches", "sessions", "sales_activities", "stage_history", "opportunities" })
            {
                Assert.That(eventsAfterAnchor.GetValueOrDefault(table), Is.GreaterThan(Leads / 50), $"leads with {table} rows after the anchor");
            }
        });
    }

    [Test]
    public void The_no_distortion_override_leaves_only_structural_nulls()
    {
        var task = LeadScoringWorlds.AllRows(World.Value);
        foreach (var column in task.Columns.Where(c => c.Name is not ("opportunity_estimated_acv" or "days_since_first_touch" or "days_since_last_touch")))
        {
            Assert.That(column.NullCount, Is.Zero, column.Name);
        }

        var open = task["has_open_opportunity"].As<bool>();
        var acv = task["opportunity_estimated_acv"];
        for (var r = 0; r < task.RowCount; r++)
        {
            Assert.That(acv.IsNull(r), Is.EqualTo(open[r] == false), $"row {r}: opportunity_estimated_acv is null exactly when no opportunity is open");
        }
    }

    /// <summary>
    /// The public tables of a world equal its instructor tables cut at each lead's anchor: event rows
    /// strictly before the anchor, opportunities created before it with their stage as of the anchor,
    /// outcome columns and tables removed, and nothing else changed.
    /// </summary>
    [Test]
    public void Public_tables_equal_the_instructor_tables_cut_at_each_leads_anchor()
    {
        var instructor = World.Value;
        var pub = LeadScoringWorlds
            .Builder(ExposureMode.StudentPublic, Difficulty.Intermediate, Leads, seed: 2024)
            .WithOverrideText(LeadScoringWorlds.NoDistortions(Difficulty.Intermediate), "no-distortions.yaml")
            .Generate();
        var snapshotDay = ((LeadForge.Schemes.LeadScoring.LeadScoringSettings)instructor.Config.Recipe.World).Tasks.ConvertedWithin90Days.SnapshotDay;
        var leads = instructor.Tables["leads"];
        var anchorOf = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        for (var r = 0; r < leads.RowCount; r++)
        {
            anchorOf[leads["lead_id"].AsString()[r]!] = leads["lead_created_at"].As<DateTime>()[r]!.Value.AddDays(snapshotDay);
        }

        // The stage of each lead as of its anchor, from the full stage history.
        var stages = instructor.Tables["stage_history"];
        var stageAtAnchor = new Dictionary<string, (DateTime At, string Stage)>(StringComparer.Ordinal);
        for (var r = 0; r < stages.RowCount; r++)
        {
            var lead = stages["lead_id"].AsString()[r]!;
            var at = stages["entered_at"].As<DateTime>()[r]!.Value;
            if (at < anchorOf[lead] && (!stageAtAnchor.TryGetValue(lead, out var seen) || at > seen.At))
            {
                stageAtAnchor[lead] = (at, stages["stage"].AsString()[r]!);
            }
        }

        var eventTime = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["stage_history"] = "entered_at",
            ["touches"] = "touch_timestamp",
            ["sessions"] = "session_timestamp",
            ["sales_activities"] = "activity_timestamp",
            ["opportunities"] = "created_at",
        };
        string[] outcomeTables = ["customers", "subscriptions", "attribution"];
        string[] outcomeColumns = ["current_stage", "is_sql", "converted_within_90_days", "conversion_timestamp", "close_outcome", "closed_at"];

        Assert.That(pub.Truth, Is.Null);
        Assert.That(pub.Tables.Names, Is.EquivalentTo(instructor.Tables.Names.Except(outcomeTables)));
        var mismatches = new List<string>();
        foreach (var full in instructor.Tables.Where(t => !outcomeTables.Contains(t.Name)))
        {
            var cut = pub.Tables[full.Name];
            Assert.That(cut.Schema.Columns.Select(c => c.Name), Is.EqualTo(full.Schema.Columns.Select(c => c.Name).Except(outcomeColumns)), full.Name);
            var keep = Enumerable.Range(0, full.RowCount).ToArray();
            if (eventTime.TryGetValue(full.Name, out var timeColumn))
            {
                var times = full[timeColumn].As<DateTime>();
                var owner = full["lead_id"].AsString();
                keep = keep.Where(r => times[r]!.Value < anchorOf[owner[r]!]).ToArray();
            }

            Assert.That(cut.RowCount, Is.EqualTo(keep.Length), full.Name);
            if (cut.RowCount != keep.Length)
            {
                continue;
            }

            foreach (var column in cut.Columns)
            {
                for (var i = 0; i < keep.Length; i++)
                {
                    var expected = full.Name == "opportunities" && column.Name == "stage"
                        ? stageAtAnchor[full["lead_id"].AsString()[keep[i]]!].Stage
                        : full[column.Name].GetValue(keep[i]);
                    if (!Equals(expected, column.GetValue(i)))
                    {
                        mismatches.Add($"{full.Name}.{column.Name} row {i}: public {column.GetValue(i) ?? "null"}, instructor cut {expected ?? "null"}");
                    }
                }
            }
        }

        Assert.That(mismatches, Is.Empty, () => $"{mismatches.Count} mismatches; first: {string.Join("; ", mismatches.Take(20))}");
        foreach (var (name, split) in instructor.Tasks[LeadScoringWorlds.TaskId].Splits)
        {
            Assert.That(pub.Tasks[LeadScoringWorlds.TaskId].Splits.Single(s => s.Name == name).Table.ComputeContentHash(), Is.EqualTo(split.ComputeContentHash()), $"task split {name} is the same in both modes");
        }
    }

    private static Dictionary<string, int> Index(Table table, string keyColumn)
    {
        var keys = table[keyColumn].AsString();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < table.RowCount; r++)
        {
            index.Add(keys[r]!, r);
        }

        return index;
    }
}
