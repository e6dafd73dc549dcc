using System.Globalization;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>Builds real lead-scoring worlds (recipe b2b_saas_procurement_v1) for the rendering acceptance tests.</summary>
internal static class LeadScoringWorlds
{
    public const string Recipe = "b2b_saas_procurement_v1";

    public const string TaskId = "converted_within_90_days";

    public static GeneratorBuilder Builder(ExposureMode mode, Difficulty difficulty, int leads, long seed = 42) =>
        Generator.FromRecipe(Recipe).WithSeed(seed).WithExposure(mode).WithDifficulty(difficulty).WithLeads(leads);

    /// <summary>
    /// A recipe override that switches off the task's distortions for one tier (no noise, no missing
    /// cells, no outliers), so that rendered features can be compared with a reference computed from events.
    /// </summary>
    public static string NoDistortions(Difficulty difficulty) => $"difficulty_profiles:\n  {difficulty.ToWire()}:\n    noise_scale: 0\n    missing_rate: 0\n    outlier_rate: 0\n";

    /// <summary>A recipe override that only switches off MCAR missingness for one tier (the world and every other draw are unchanged).</summary>
    public static string NoMissingness(Difficulty difficulty) => $"difficulty_profiles:\n  {difficulty.ToWire()}:\n    missing_rate: 0\n";

    /// <summary>All rows of a task (train, valid, test), in that order.</summary>
    public static Table AllRows(WorldBundle bundle, string taskId = TaskId)
    {
        var task = bundle.Tasks[taskId];
        return Table.Concat(task.Train.Schema, task.Splits.Select(s => s.Table).ToArray());
    }

    /// <summary>A value of a numeric or boolean column as a double (null → NaN).</summary>
    public static double Number(Column column, int row) => column.GetValue(row) switch
    {
        null => double.NaN,
        bool b => b ? 1 : 0,
        DateTime t => t.Ticks / (double)TimeSpan.TicksPerDay,
        DateOnly d => d.DayNumber,
        var v => Convert.ToDouble(v, CultureInfo.InvariantCulture),
    };

    /// <summary>Rows of a table grouped by the value of a string key column.</summary>
    public static Dictionary<string, List<int>> GroupRows(Table table, string keyColumn)
    {
        var keys = table[keyColumn].AsString();
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var r = 0; r < table.RowCount; r++)
        {
            var key = keys[r] ?? throw new InvalidOperationException($"{table.Name}.{keyColumn} row {r} is null");
            if (!groups.TryGetValue(key, out var rows))
            {
                groups[key] = rows = [];
            }

            rows.Add(r);
        }

        return groups;
    }
}
