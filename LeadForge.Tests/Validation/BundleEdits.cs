using LeadForge.Tables;

namespace LeadForge.Tests.Validation;

/// <summary>Builds modified copies of a bundle for bad-path validation tests.</summary>
internal static class BundleEdits
{
    public const string RealRecipe = "b2b_saas_procurement_v1";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ExposureMode, Difficulty, long, int), Lazy<WorldBundle>> RealCache = new();

    public static WorldBundle Tiny(ExposureMode mode, long seed = 7, int leads = 600) =>
        Generator.FromRecipe("tiny_world_v1").WithSeed(seed).WithExposure(mode).WithLeads(leads).Generate();

    /// <summary>A real lead-scoring world (cached per arguments: bundles are immutable, edits make copies).</summary>
    public static WorldBundle Real(ExposureMode mode, Difficulty tier, long seed = 42, int leads = 3000) =>
        RealCache.GetOrAdd((mode, tier, seed, leads), key => new Lazy<WorldBundle>(() =>
            Generator.FromRecipe(RealRecipe).WithSeed(key.Item3).WithExposure(key.Item1).WithDifficulty(key.Item2).WithLeads(key.Item4).Generate())).Value;

    public static WorldBundle WithTable(this WorldBundle b, Table table) =>
        Rebuild(b, b.Tables.Select(t => t.Name == table.Name ? table : t).Concat(b.Tables.Contains(table.Name) ? [] : [table]).ToArray(), b.Tasks.ToArray());

    public static WorldBundle WithTask(this WorldBundle b, TaskDataset task) =>
        Rebuild(b, b.Tables.ToArray(), b.Tasks.Select(t => t.Id == task.Id ? task : t).ToArray());

    public static WorldBundle Rebuild(WorldBundle b, IReadOnlyList<Table> tables, IReadOnlyList<TaskDataset> tasks) =>
        new(b.Descriptor, b.Config, tables, tasks, b.DatasetCard, b.FeatureDictionary, b.Truth);

    /// <summary>The table with one more column appended.</summary>
    public static Table AddColumn(this Table table, Column column)
    {
        var schema = new TableSchema(table.Name, table.Schema.Description, [.. table.Schema.Columns, column.Schema], table.Schema.PrimaryKey, table.Schema.ForeignKeys);
        return new Table(schema, [.. table.Columns, column]);
    }

    /// <summary>The table with one column replaced by new values of the same type.</summary>
    public static Table ReplaceStrings(this Table table, string column, Func<int, string?, string?> map)
    {
        var old = table[column].AsString();
        var values = Enumerable.Range(0, table.RowCount).Select(r => map(r, old[r])).ToArray();
        var replaced = Column.FromStrings(old.Schema, values);
        return new Table(table.Schema, table.Columns.Select(c => c.Name == column ? replaced : c).ToArray());
    }

    public static Table ReplaceValues<T>(this Table table, string column, Func<int, T, T> map)
        where T : struct
    {
        var old = table[column].As<T>();
        var values = Enumerable.Range(0, table.RowCount).Select(r => map(r, old.Values[r])).ToArray();
        var replaced = Column.FromValues(old.Schema, values, old.NullFlags.IsEmpty ? null : old.NullFlags.ToArray());
        return new Table(table.Schema, table.Columns.Select(c => c.Name == column ? replaced : c).ToArray());
    }

    public static Column Bools(string name, bool[] values) => Column.FromValues(new ColumnSchema(name, ColumnType.Boolean, false, name), values);

    /// <summary>The labels of the rows of <paramref name="leads"/>, looked up from the task splits by row id.</summary>
    public static bool[] LabelsOf(Table leads, TaskDataset task)
    {
        var byId = new Dictionary<string, bool>();
        foreach (var (_, split) in task.Splits)
        {
            var ids = split[task.Manifest.RowIdColumn].AsString();
            var labels = split[task.Manifest.LabelColumn].As<bool>();
            for (var r = 0; r < split.RowCount; r++)
            {
                byId[ids[r]!] = labels.Values[r];
            }
        }

        var leadIds = leads[task.Manifest.RowIdColumn].AsString();
        return Enumerable.Range(0, leads.RowCount).Select(r => byId[leadIds[r]!]).ToArray();
    }
}
