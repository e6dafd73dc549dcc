using LeadForge.Tables;

namespace LeadForge.Tests.TestSupport;

/// <summary>Builds a value column from nullable cells, for tests that write their rows as <c>T?</c> values.</summary>
internal static class NullableColumn
{
    /// <summary>The column of <paramref name="cells"/>: null flags only when some cell is null, as the library stores them.</summary>
    public static ValueColumn<T> Of<T>(ColumnSchema schema, IReadOnlyList<T?> cells)
        where T : struct
    {
        var values = new T[cells.Count];
        bool[]? nulls = null;
        for (var i = 0; i < values.Length; i++)
        {
            if (cells[i] is { } value)
            {
                values[i] = value;
            }
            else
            {
                nulls ??= new bool[values.Length];
                nulls[i] = true;
            }
        }

        return Column.FromValues(schema, values, nulls);
    }
}
