using LeadForge.Tables;
using LeadForge.Validation.Checks;

namespace LeadForge.Validation.Baselines;

/// <summary>
/// Turns table columns into a dense float vector using statistics of the training table only:
/// numerics and booleans are mean-imputed and standardised (with a missing indicator when train has
/// nulls); strings are one-hot over their most frequent train values (null is a value; unseen values
/// encode as all zeros).
/// </summary>
internal sealed class FeatureEncoder
{
    private const int MaxLevels = 64;
    private readonly List<Slot> _slots = [];

    private FeatureEncoder()
    {
    }

    public int Dimension { get; private set; }

    public static FeatureEncoder Fit(Table train, IReadOnlyList<string> columns)
    {
        var encoder = new FeatureEncoder();
        foreach (var name in columns)
        {
            var column = train[name];
            if (column.Type == ColumnType.String)
            {
                var levels = ColumnData.Keys(column).GroupBy(k => k ?? "\0null", StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Take(MaxLevels).Select(g => g.Key).ToArray();
                var map = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var level in levels)
                {
                    map[level] = map.Count;
                }

                encoder._slots.Add(new Slot(name, true, map, 0, 1, false, encoder.Dimension));
                encoder.Dimension += map.Count;
            }
            else
            {
                var values = ColumnData.Numeric(column);
                var present = values.Where(v => !double.IsNaN(v)).ToArray();
                var mean = present.Length == 0 ? 0 : present.Average();
                var sd = present.Length < 2 ? 1 : Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1));
                var hasNulls = present.Length < values.Length;
                encoder._slots.Add(new Slot(name, false, null, mean, sd > 1e-12 ? sd : 1, hasNulls, encoder.Dimension));
                encoder.Dimension += hasNulls ? 2 : 1;
            }
        }

        return encoder;
    }

    public float[][] Transform(Table table)
    {
        var rows = new float[table.RowCount][];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r] = new float[Dimension];
        }

        foreach (var slot in _slots)
        {
            var column = table[slot.Column];
            if (slot.Levels is { } levels)
            {
                var keys = ColumnData.Keys(column);
                for (var r = 0; r < rows.Length; r++)
                {
                    if (levels.TryGetValue(keys[r] ?? "\0null", out var level))
                    {
                        rows[r][slot.Offset + level] = 1f;
                    }
                }
            }
            else
            {
                var values = ColumnData.Numeric(column);
                for (var r = 0; r < rows.Length; r++)
                {
                    var missing = double.IsNaN(values[r]);
                    rows[r][slot.Offset] = missing ? 0f : (float)((values[r] - slot.Mean) / slot.Sd);
                    if (slot.MissingIndicator)
                    {
                        rows[r][slot.Offset + 1] = missing ? 1f : 0f;
                    }
                }
            }
        }

        return rows;
    }

    private sealed record Slot(string Column, bool Categorical, Dictionary<string, int>? Levels, double Mean, double Sd, bool MissingIndicator, int Offset);
}
