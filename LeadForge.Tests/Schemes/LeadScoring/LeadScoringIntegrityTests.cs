using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring;

public class LeadScoringIntegrityTests
{
    private static readonly Lazy<WorldBundle> Instructor = new(() => Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithExposure(ExposureMode.ResearchInstructor).WithLeads(3000).Generate());

    [Test]
    public void Label_is_true_exactly_when_a_closed_won_opportunity_closes_within_90_days()
    {
        var b = Instructor.Value;
        var leads = b.Tables["leads"];
        var opps = b.Tables["opportunities"];
        var won = new Dictionary<string, DateTime>();
        for (var r = 0; r < opps.RowCount; r++)
        {
            if (opps["close_outcome"].AsString()[r] == "closed_won")
            {
                won[opps["lead_id"].AsString()[r]!] = opps["closed_at"].As<DateTime>()[r]!.Value;
            }
        }

        for (var r = 0; r < leads.RowCount; r++)
        {
            var id = leads["lead_id"].AsString()[r]!;
            var created = leads["lead_created_at"].As<DateTime>()[r]!.Value;
            var expected = won.TryGetValue(id, out var closed) && closed <= created.AddDays(90);
            Assert.That(leads["converted_within_90_days"].As<bool>()[r], Is.EqualTo(expected), id);
        }
    }

    [Test]
    public void Primary_keys_are_unique_sorted_and_every_foreign_key_resolves()
    {
        var b = Instructor.Value;
        foreach (var table in b.Tables)
        {
            var pk = table[table.Schema.PrimaryKey!].AsString();
            for (var r = 1; r < pk.Length; r++)
            {
                Assert.That(string.CompareOrdinal(pk[r - 1], pk[r]) < 0 || IdNumber(pk[r - 1]!) < IdNumber(pk[r]!), Is.True, $"{table.Name} row {r} not sorted/unique");
            }

            foreach (var fk in table.Schema.ForeignKeys)
            {
                var keys = b.Tables[fk.ReferencedTable][fk.ReferencedColumn].AsString().ToArray().ToHashSet();
                var col = table[fk.Column].AsString();
                for (var r = 0; r < col.Length; r++)
                {
                    Assert.That(keys, Does.Contain(col[r]), $"{table.Name}.{fk.Column} row {r}");
                }
            }
        }
    }

    [Test]
    public void Events_follow_their_lead_and_stage_times_strictly_increase_and_funnel_counts_never_increase()
    {
        var b = Instructor.Value;
        var leads = b.Tables["leads"];
        var created = new Dictionary<string, DateTime>();
        for (var r = 0; r < leads.RowCount; r++)
        {
            created[leads["lead_id"].AsString()[r]!] = leads["lead_created_at"].As<DateTime>()[r]!.Value;
        }

        foreach (var (table, column) in new[] { ("touches", "touch_timestamp"), ("sessions", "session_timestamp"), ("sales_activities", "activity_timestamp"), ("opportunities", "created_at"), ("stage_history", "entered_at") })
        {
            var t = b.Tables[table];
            for (var r = 0; r < t.RowCount; r++)
            {
                var at = t[column].As<DateTime>()[r]!.Value;
                var lead = created[t["lead_id"].AsString()[r]!];
                Assert.That(at, Is.GreaterThanOrEqualTo(lead).And.LessThan(lead.AddDays(90)), $"{table} row {r}");
            }
        }

        var history = b.Tables["stage_history"];
        string? previousLead = null;
        DateTime previous = default;
        var reached = new Dictionary<string, int>();
        for (var r = 0; r < history.RowCount; r++)
        {
            var lead = history["lead_id"].AsString()[r];
            var at = history["entered_at"].As<DateTime>()[r]!.Value;
            if (lead == previousLead)
            {
                Assert.That(at, Is.GreaterThan(previous), $"stage_history row {r}");
            }

            previousLead = lead;
            previous = at;
            var stage = history["stage"].AsString()[r]!;
            reached[stage] = reached.GetValueOrDefault(stage) + 1;
        }

        string[] order = ["mql", "sal", "sql", "demo_scheduled", "demo_completed", "proposal_sent", "negotiation", "closed_won"];
        for (var s = 1; s < order.Length; s++)
        {
            Assert.That(reached.GetValueOrDefault(order[s]), Is.LessThanOrEqualTo(reached.GetValueOrDefault(order[s - 1])), order[s]);
        }
    }

    [Test]
    public void Attribution_weights_sum_to_one_per_won_opportunity()
    {
        var a = Instructor.Value.Tables["attribution"];
        foreach (var weight in new[] { "first_touch_weight", "last_touch_weight", "linear_weight", "time_decay_weight" })
        {
            var sums = new Dictionary<string, double>();
            for (var r = 0; r < a.RowCount; r++)
            {
                var opp = a["opportunity_id"].AsString()[r]!;
                sums[opp] = sums.GetValueOrDefault(opp) + a[weight].As<double>()[r]!.Value;
            }

            Assert.That(sums.Values, Has.All.EqualTo(1.0).Within(1e-9), weight);
        }
    }

    [Test]
    public void Same_seed_is_identical_across_thread_counts_and_the_union_of_shards_equals_the_whole_run()
    {
        WorldBundle Run(int dop, int shard = 0, int shards = 1) => Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(7).WithExposure(ExposureMode.ResearchInstructor).WithLeads(1500).WithAccounts(400).WithContacts(1000).WithDegreeOfParallelism(dop).WithShard(shard, shards).Generate();
        var one = Run(1);
        var four = Run(4);
        foreach (var t in one.Tables)
        {
            Assert.That(four.Tables[t.Name].ComputeContentHash(), Is.EqualTo(t.ComputeContentHash()), t.Name);
        }

        var parts = Enumerable.Range(0, 3).Select(k => Run(2, k, 3)).ToArray();
        foreach (var t in one.Tables)
        {
            var union = Table.Concat(t.Schema, parts.Select(p => p.Tables[t.Name]).ToArray());
            var pk = t.Schema.PrimaryKey!;
            var order = Enumerable.Range(0, union.RowCount).OrderBy(r => IdNumber(union[pk].AsString()[r]!)).ToArray();
            Assert.That(union.Take(order).ComputeContentHash(), Is.EqualTo(t.ComputeContentHash()), t.Name);
        }

        var task = one.Tasks.Single();
        foreach (var (split, whole) in task.Splits)
        {
            var union = Table.Concat(whole.Schema, parts.Select(p => p.Tasks[task.Id].Splits.Single(s => s.Name == split).Table).ToArray());
            var order = Enumerable.Range(0, union.RowCount).OrderBy(r => IdNumber(union["lead_id"].AsString()[r]!)).ToArray();
            var wholeOrder = Enumerable.Range(0, whole.RowCount).OrderBy(r => IdNumber(whole["lead_id"].AsString()[r]!)).ToArray();
            Assert.That(union.Take(order).ComputeContentHash(), Is.EqualTo(whole.Take(wholeOrder).ComputeContentHash()), $"task split {split}: the shards hold the same rows with the same (distorted) values as the whole run");
        }

        var other = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(8).WithExposure(ExposureMode.ResearchInstructor).WithLeads(1500).WithAccounts(400).WithContacts(1000).Generate();
        Assert.That(other.Tables["leads"].ComputeContentHash(), Is.Not.EqualTo(one.Tables["leads"].ComputeContentHash()));
    }

    [Test]
    public void Public_tables_hold_no_event_after_the_anchor_and_no_banned_column_or_table()
    {
        var pub = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithLeads(2000).Generate();
        Assert.That(pub.Truth, Is.Null);
        Assert.That(pub.Tables.Names, Has.None.AnyOf("customers", "subscriptions", "attribution"));
        Assert.That(pub.Tables["leads"].Schema.Columns.Select(c => c.Name), Has.None.AnyOf("converted_within_90_days", "conversion_timestamp", "current_stage", "is_sql"));
        Assert.That(pub.Tables["opportunities"].Schema.Columns.Select(c => c.Name), Has.None.AnyOf("close_outcome", "closed_at"));
        var leads = pub.Tables["leads"];
        var anchor = new Dictionary<string, DateTime>();
        for (var r = 0; r < leads.RowCount; r++)
        {
            anchor[leads["lead_id"].AsString()[r]!] = leads["lead_created_at"].As<DateTime>()[r]!.Value.AddDays(30);
        }

        foreach (var (table, column) in new[] { ("touches", "touch_timestamp"), ("sessions", "session_timestamp"), ("sales_activities", "activity_timestamp"), ("opportunities", "created_at"), ("stage_history", "entered_at") })
        {
            var t = pub.Tables[table];
            for (var r = 0; r < t.RowCount; r++)
            {
                Assert.That(t[column].As<DateTime>()[r]!.Value, Is.LessThanOrEqualTo(anchor[t["lead_id"].AsString()[r]!]), $"{table} row {r}");
            }
        }
    }

    [Test]
    public void Grouped_stratified_splits_share_no_account_and_keep_the_positive_rate()
    {
        var task = Instructor.Value.Tasks["converted_within_90_days"];
        var sets = task.Splits.Select(s => s.Table["account_id"].AsString().ToArray().ToHashSet()).ToArray();
        Assert.That(sets[0].Overlaps(sets[1]) || sets[0].Overlaps(sets[2]) || sets[1].Overlaps(sets[2]), Is.False);
        double Rate(Table t) => Enumerable.Range(0, t.RowCount).Count(r => t["converted_within_90_days"].As<bool>()[r] == true) / (double)t.RowCount;
        var all = task.Splits.Sum(s => Rate(s.Table) * s.Table.RowCount) / task.Splits.Sum(s => s.Table.RowCount);
        foreach (var (name, table) in task.Splits)
        {
            Assert.That(Rate(table), Is.EqualTo(all).Within(0.02), name);
        }
    }

    [Test]
    public void Distorted_counts_and_acvs_stay_in_range()
    {
        var b = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithDifficulty(Difficulty.Advanced).WithLeads(3000).Generate();
        foreach (var (_, t) in b.Tasks["converted_within_90_days"].Splits)
        {
            foreach (var c in t.Columns.Where(c => c.Type is ColumnType.Int32 or ColumnType.Double))
            {
                for (var r = 0; r < c.Length; r++)
                {
                    if (c.GetValue(r) is { } v)
                    {
                        Assert.That(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0), c.Name);
                    }
                }
            }
        }
    }

    private static long IdNumber(string id) => long.Parse(id[(id.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
