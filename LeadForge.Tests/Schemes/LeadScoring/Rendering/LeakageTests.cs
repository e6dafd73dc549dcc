using System.Globalization;
using LeadForge.Tables;
using LeadForge.Validation;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>
/// Leakage acceptance on the real public world: every public relational column, aggregated per lead and
/// joined to the task rows, and every task column, has a single-column ROC-AUC against the label below
/// 0.80 — except the documented trap the manifest names.
/// </summary>
public class LeakageTests
{
    private const int Leads = 5000;
    private const double Threshold = 0.80;
    private const string Trap = "total_touches_all";

    /// <summary>Per-value features are made for at most this many of a column's most frequent values, each with at least this many rows.</summary>
    private const int MaxValuesPerColumn = 40;
    private const int MinRowsPerValue = 20;

    private static readonly Lazy<WorldBundle> Public = new(() => LeadScoringWorlds.Builder(ExposureMode.StudentPublic, Difficulty.Intermediate, Leads, seed: 11).Generate());

    /// <summary>A per-lead feature: numeric (NaN = missing) or categorical.</summary>
    private sealed record Feature(string Name, double[]? Numbers, string?[]? Categories)
    {
        public double Auc(bool[] labels) => Numbers is not null ? SingleColumnAuc.Numeric(Numbers, labels) : SingleColumnAuc.Categorical(Categories!, labels);
    }

    [Test]
    public void The_documented_trap_is_named_by_the_manifest_the_feature_dictionary_and_the_card()
    {
        var b = Public.Value;
        var m = b.Tasks[LeadScoringWorlds.TaskId].Manifest;
        Assert.That(m.DocumentedTraps, Is.EqualTo(new[] { Trap }));
        Assert.That(m.LeakagePolicy, Does.Contain(Trap));
        Assert.That(b.FeatureDictionary.Where(f => f.LeakageRisk).Select(f => f.Name), Is.EqualTo(new[] { Trap }));
        Assert.That(b.DatasetCard, Does.Contain($"`{Trap}`"));
    }

    [Test]
    public void No_public_relational_column_joined_per_lead_reaches_the_leakage_threshold()
    {
        var scored = RelationalAucs(Public.Value);
        var offenders = scored.Where(s => s.Auc >= Threshold).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} ({s.Auc:0.000})")).ToArray();
        Assert.That(offenders, Is.Empty, "joined public columns with single-column AUC ≥ 0.80");
    }

    [Test]
    public void No_task_column_except_the_documented_trap_reaches_the_leakage_threshold()
    {
        var b = Public.Value;
        var traps = b.Tasks[LeadScoringWorlds.TaskId].Manifest.DocumentedTraps;
        var offenders = TaskAucs(b).Where(s => s.Auc >= Threshold && !traps.Contains(s.Name)).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} ({s.Auc:0.000})")).ToArray();
        Assert.That(offenders, Is.Empty, "task columns with single-column AUC ≥ 0.80 that are not documented traps");
    }

    /// <summary>
    /// SPEC §6.1: joining the public tables must not reveal the label beyond what the snapshot features
    /// allow. Independent of how decided the world is at the anchor: no joined per-lead column may beat
    /// the best as-of-anchor task feature (documented traps excluded) by more than a small margin.
    /// </summary>
    [Test]
    public void Joined_public_tables_reveal_no_more_than_the_snapshot_features()
    {
        var b = Public.Value;
        var traps = b.Tasks[LeadScoringWorlds.TaskId].Manifest.DocumentedTraps;
        var bestTask = TaskAucs(b).First(s => !traps.Contains(s.Name));
        var bestJoined = RelationalAucs(b)[0];
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best task feature {bestTask.Name} {bestTask.Auc:0.0000}; best joined column {bestJoined.Name} {bestJoined.Auc:0.0000}"));
        Assert.That(bestJoined.Auc, Is.LessThanOrEqualTo(bestTask.Auc + 0.02), $"{bestJoined.Name} separates the label better than every snapshot feature (best: {bestTask.Name})");
    }

    [Test]
    public void The_validators_leakage_probes_pass_on_the_public_bundle_and_see_the_joined_tables()
    {
        var b = Public.Value;
        var report = new BundleValidator(new ValidationOptions { RunBaselines = false, LeakageAucThreshold = Threshold }).Validate(b);
        var leakage = report.Checks.Where(c => c.Category == CheckCategory.Leakage).ToArray();
        foreach (var check in leakage.Where(c => c.Id.StartsWith("leakage.relational.", StringComparison.Ordinal)))
        {
            TestContext.Out.WriteLine($"{check.Id}: {check.Message}");
        }

        Assert.That(leakage.Where(c => c.IsBlocking).Select(c => $"{c.Id}: {c.Message}"), Is.Empty);
        var relational = leakage.Where(c => c.Id.StartsWith("leakage.relational.", StringComparison.Ordinal)).ToArray();
        Assert.That(relational.Select(c => c.Id[(c.Id.LastIndexOf('.') + 1)..]), Is.SupersetOf(b.Tables.Names));

        // The probe must actually join the tables to the task rows: a per-lead table carries some signal.
        Assert.That(relational.Max(c => c.Measured ?? 0.5), Is.GreaterThan(0.55), "the relational probe joined the public tables to the task rows");
    }

    /// <summary>Single-column AUCs of every per-lead feature joined from the public tables, highest first.</summary>
    private static (string Name, double Auc)[] RelationalAucs(WorldBundle b)
    {
        var (leadIds, labels, created) = TaskRows(b);
        var features = JoinPublicTables(b, leadIds, created);
        var scored = features.Select(f => (f.Name, Auc: f.Auc(labels))).OrderByDescending(s => s.Auc).ToArray();
        TestContext.Out.WriteLine($"{scored.Length} per-lead features from {b.Tables.Count} public tables; highest AUCs:");
        foreach (var (name, auc) in scored.Take(12))
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {auc:0.0000}  {name}"));
        }

        // Every public table took part.
        foreach (var table in b.Tables)
        {
            Assert.That(scored.Any(s => s.Name.StartsWith(table.Name + ".", StringComparison.Ordinal)), Is.True, table.Name);
        }

        return scored;
    }

    /// <summary>Single-column AUCs of every task column (all splits) except the label and the row id, highest first.</summary>
    private static (string Name, double Auc)[] TaskAucs(WorldBundle b)
    {
        var m = b.Tasks[LeadScoringWorlds.TaskId].Manifest;
        var rows = LeadScoringWorlds.AllRows(b);
        var labels = Labels(rows, m.LabelColumn);
        var scored = rows.Columns
            .Where(c => c.Name != m.LabelColumn && c.Name != m.RowIdColumn)
            .Select(c => (c.Name, Auc: c.Type == ColumnType.String ? SingleColumnAuc.Categorical(c.AsString().ToArray(), labels) : SingleColumnAuc.Numeric(Enumerable.Range(0, c.Length).Select(r => LeadScoringWorlds.Number(c, r)).ToArray(), labels)))
            .OrderByDescending(s => s.Auc)
            .ToArray();
        TestContext.Out.WriteLine("Task columns, highest AUCs:");
        foreach (var (name, auc) in scored.Take(10))
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {auc:0.0000}  {name}"));
        }

        return scored;
    }

    private static bool[] Labels(Table rows, string labelColumn)
    {
        var column = rows[labelColumn].As<bool>();
        return Enumerable.Range(0, rows.RowCount).Select(r => column[r] ?? throw new InvalidOperationException($"null label in row {r}")).ToArray();
    }

    private static (string[] LeadIds, bool[] Labels, DateTime[] Created) TaskRows(WorldBundle b)
    {
        var rows = LeadScoringWorlds.AllRows(b);
        var created = rows["lead_created_at"].As<DateTime>();
        return (rows["lead_id"].AsString().ToArray().Select(id => id!).ToArray(), Labels(rows, b.Tasks[LeadScoringWorlds.TaskId].Manifest.LabelColumn), Enumerable.Range(0, rows.RowCount).Select(r => created[r]!.Value).ToArray());
    }

    /// <summary>
    /// Joins every public table to the task's leads. Tables with a lead_id column (the leads table and
    /// its event tables) are aggregated per lead: row count; numeric columns → mean, max and non-null
    /// count; categorical columns → per-value presence and count, and the last value as of the anchor
    /// (by the table's event time); timestamps → min, max and mean days since the lead's creation.
    /// Parent tables (accounts, contacts, reps) are looked up through the lead's foreign keys.
    /// Primary keys (unique per row) are left out.
    /// </summary>
    private static List<Feature> JoinPublicTables(WorldBundle b, string[] leadIds, DateTime[] created)
    {
        var n = leadIds.Length;
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            position.Add(leadIds[i], i);
        }

        var features = new List<Feature>();
        var leads = b.Tables["leads"];
        foreach (var table in b.Tables.Where(t => t.HasColumn("lead_id")))
        {
            var rowLead = table["lead_id"].AsString().ToArray().Select(id => position[id!]).ToArray();
            features.AddRange(PerLead(table, rowLead, n, created));
        }

        var leadOf = leads["lead_id"].AsString().ToArray().Select(id => position[id!]).ToArray();
        foreach (var fk in leads.Schema.ForeignKeys)
        {
            var parent = b.Tables[fk.ReferencedTable];
            var parentRow = new Dictionary<string, int>(StringComparer.Ordinal);
            var keys = parent[fk.ReferencedColumn].AsString();
            for (var r = 0; r < parent.RowCount; r++)
            {
                parentRow.Add(keys[r]!, r);
            }

            var rowOfLead = new int[n];
            var fkValues = leads[fk.Column].AsString();
            for (var r = 0; r < leads.RowCount; r++)
            {
                rowOfLead[leadOf[r]] = parentRow[fkValues[r]!];
            }

            foreach (var column in parent.Columns.Where(c => c.Name != parent.Schema.PrimaryKey))
            {
                var name = $"{parent.Name}.{column.Name}";
                switch (column.Type)
                {
                    case ColumnType.String:
                        var values = column.AsString();
                        features.Add(new Feature(name, null, rowOfLead.Select(p => values[p]).ToArray()));
                        break;
                    case ColumnType.Timestamp:
                        var times = column.As<DateTime>();
                        features.Add(new Feature(name + ":days_from_lead_created", rowOfLead.Select((p, i) => times[p] is { } t ? (t - created[i]).TotalDays : double.NaN).ToArray(), null));
                        break;
                    default:
                        features.Add(new Feature(name, rowOfLead.Select(p => LeadScoringWorlds.Number(column, p)).ToArray(), null));
                        break;
                }
            }
        }

        return features;
    }

    private static IEnumerable<Feature> PerLead(Table table, int[] rowLead, int n, DateTime[] created)
    {
        var rows = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = [];
        }

        for (var r = 0; r < rowLead.Length; r++)
        {
            rows[rowLead[r]].Add(r);
        }

        // Event order for "last value as of the anchor": the table's first timestamp column (public rows all precede the anchor).
        var clock = table.Columns.FirstOrDefault(c => c.Type == ColumnType.Timestamp)?.As<DateTime>();
        if (clock is not null)
        {
            foreach (var list in rows)
            {
                list.Sort((x, y) => clock[x]!.Value.CompareTo(clock[y]!.Value));
            }
        }

        yield return new Feature($"{table.Name}.row_count", rows.Select(l => (double)l.Count).ToArray(), null);
        foreach (var column in table.Columns.Where(c => c.Name != table.Schema.PrimaryKey && c.Name != "lead_id"))
        {
            var name = $"{table.Name}.{column.Name}";
            if (column.Type == ColumnType.String)
            {
                var values = column.AsString();
                yield return new Feature(name + ":last", null, rows.Select(l => l.Count == 0 ? "\0none" : values[l[^1]]).ToArray());
                var frequent = Enumerable.Range(0, column.Length).GroupBy(r => values[r] ?? "\0null", StringComparer.Ordinal)
                    .Where(g => g.Count() >= MinRowsPerValue).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Take(MaxValuesPerColumn).Select(g => g.Key);
                foreach (var value in frequent)
                {
                    var counts = rows.Select(l => (double)l.Count(r => (values[r] ?? "\0null") == value)).ToArray();
                    yield return new Feature($"{name}={value}:count", counts, null);
                    yield return new Feature($"{name}={value}:present", counts.Select(c => c > 0 ? 1.0 : 0.0).ToArray(), null);
                }
            }
            else if (column.Type == ColumnType.Timestamp)
            {
                var times = column.As<DateTime>();
                var days = rows.Select((l, i) => l.Where(r => times[r] is not null).Select(r => (times[r]!.Value - created[i]).TotalDays).ToArray()).ToArray();
                yield return new Feature(name + ":min_days_from_created", days.Select(d => d.Length == 0 ? double.NaN : d.Min()).ToArray(), null);
                yield return new Feature(name + ":max_days_from_created", days.Select(d => d.Length == 0 ? double.NaN : d.Max()).ToArray(), null);
                yield return new Feature(name + ":mean_days_from_created", days.Select(d => d.Length == 0 ? double.NaN : d.Average()).ToArray(), null);
                yield return new Feature(name + ":count", days.Select(d => (double)d.Length).ToArray(), null);
                if (table.Name == "leads")
                {
                    yield return new Feature(name + ":absolute", days.Select((_, i) => created[i].Ticks / (double)TimeSpan.TicksPerDay).ToArray(), null);
                }
            }
            else
            {
                var values = rows.Select(l => l.Select(r => LeadScoringWorlds.Number(column, r)).Where(v => !double.IsNaN(v)).ToArray()).ToArray();
                yield return new Feature(name + ":mean", values.Select(v => v.Length == 0 ? double.NaN : v.Average()).ToArray(), null);
                yield return new Feature(name + ":max", values.Select(v => v.Length == 0 ? double.NaN : v.Max()).ToArray(), null);
                yield return new Feature(name + ":count", values.Select(v => (double)v.Length).ToArray(), null);
            }
        }
    }
}
