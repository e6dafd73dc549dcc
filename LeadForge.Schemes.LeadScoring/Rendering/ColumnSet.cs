using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// Assembles a table from column arrays filled directly (no per-cell appending): each column is
/// declared by name with its storage, and <see cref="Build"/> wraps the arrays (without copying
/// where the column type allows) on up to the run's degree of parallelism. Columns the schema does
/// not hold (e.g. instructor-only columns of a public table) are ignored.
/// </summary>
internal sealed class ColumnSet
{
    private readonly TableSchema _schema;
    private readonly Func<Column>?[] _columns;

    public ColumnSet(TableSchema schema)
    {
        _schema = schema;
        _columns = new Func<Column>?[schema.Columns.Count];
    }

    /// <summary>An entity-id column (<c>prefix_000042</c>) from id numbers (0 for null).</summary>
    public void Ids(string name, string prefix, long[] numbers) => Set(name, c => Column.FromEntityIds(c, prefix, numbers));

    /// <summary>
    /// A categorical string column from codes into <paramref name="categories"/> (-1 for null). The
    /// codes are renumbered in place to first-appearance order (the order the column stores), so the
    /// column keeps this array instead of a renumbered copy: the array must not be shared with another column.
    /// </summary>
    public void Codes(string name, Categories categories, int[] codes) => Set(name, c =>
    {
        var dictionary = categories.Dictionary;
        var map = new int[dictionary.Length];
        Array.Fill(map, -1);
        var used = new List<string>(dictionary.Length);
        var identity = true;
        foreach (var code in codes)
        {
            if (code >= 0 && map[code] < 0)
            {
                map[code] = used.Count;
                used.Add(dictionary[code]);
                identity &= map[code] == code;
                if (used.Count == dictionary.Length)
                {
                    break;
                }
            }
        }

        if (!identity)
        {
            for (var i = 0; i < codes.Length; i++)
            {
                codes[i] = codes[i] < 0 ? -1 : map[codes[i]];
            }
        }

        return Column.FromCodes(c, used, codes);
    });

    /// <summary>A value column; <paramref name="nulls"/> marks null cells.</summary>
    public void Values<T>(string name, T[] values, bool[]? nulls = null)
        where T : struct => Set(name, c => Column.FromValues(c, values, nulls));

    /// <summary>A plain string column.</summary>
    public void Strings(string name, string?[] values) => Set(name, c => Column.FromStrings(c, values));

    /// <summary>Builds the table; every schema column must have been declared.</summary>
    public Table Build(Action<int, Action<int>> parallelFor)
    {
        var columns = new Column[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            if (_columns[i] is null)
            {
                throw new InvalidOperationException($"Table '{_schema.Name}': column '{_schema.Columns[i].Name}' was not rendered.");
            }
        }

        parallelFor(columns.Length, i => columns[i] = _columns[i]!());
        return new Table(_schema, columns);
    }

    private void Set(string name, Func<ColumnSchema, Column> make)
    {
        var i = _schema.IndexOf(name);
        if (i >= 0)
        {
            var schema = _schema.Columns[i];
            _columns[i] = () => make(schema);
        }
    }
}
