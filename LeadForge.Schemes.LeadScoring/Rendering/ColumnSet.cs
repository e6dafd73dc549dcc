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
    public void Ids(string name, string prefix, IdBuffer numbers) => Set(name, c => numbers.ToColumn(c, prefix));

    /// <summary>
    /// A categorical string column from codes into <paramref name="categories"/> (-1 for null). The
    /// codes are renumbered in place (see <see cref="CodeBuffer.ToColumn"/>): the buffer must not be
    /// shared with another column.
    /// </summary>
    public void Codes(string name, Categories categories, CodeBuffer codes) => Set(name, c => codes.ToColumn(c, categories));

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
