namespace LeadForge.Tables;

/// <summary>
/// Assembles a table from column arrays filled directly (no per-cell appending): each column is
/// declared by name with its storage, and <see cref="Build"/> wraps the arrays (without copying
/// where the column type allows) on up to the run's degree of parallelism. Every column of the schema
/// must be declared once; a name the schema does not have is an error. (A table declared once with
/// columns of several exposures is a <see cref="TableDefinition"/>, whose public rendering leaves out
/// the instructor-only columns.)
/// </summary>
public sealed class ColumnSet
{
    private readonly TableSchema _schema;
    private readonly Func<Column>?[] _columns;

    /// <summary>A set for the columns of <paramref name="schema"/>.</summary>
    /// <param name="schema">The columns of the table being built.</param>
    public ColumnSet(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _columns = new Func<Column>?[schema.Columns.Count];
    }

    /// <summary>An entity-id column (<c>prefix_000042</c>) from id numbers (0 for null).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="prefix">The entity-id prefix.</param>
    /// <param name="numbers">The id numbers.</param>
    /// <exception cref="ArgumentException">The table has no such column, or it was declared already.</exception>
    public void Ids(string name, string prefix, IdBuffer numbers) => Set(name, c => numbers.ToColumn(c, prefix));

    /// <summary>
    /// A categorical string column from codes into <paramref name="categories"/> (-1 for null). The
    /// codes are renumbered in place (see <see cref="CodeBuffer.ToColumn"/>): the buffer must not be
    /// shared with another column.
    /// </summary>
    /// <param name="name">The column name.</param>
    /// <param name="categories">The categories the codes index.</param>
    /// <param name="codes">The codes.</param>
    /// <exception cref="ArgumentException">The table has no such column, or it was declared already.</exception>
    public void Codes(string name, Categories categories, CodeBuffer codes) => Set(name, c => codes.ToColumn(c, categories));

    /// <summary>A value column; <paramref name="nulls"/> marks null cells.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values (taken without copying where the type allows).</param>
    /// <param name="nulls">The null cells, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The table has no such column, or it was declared already.</exception>
    public void Values<T>(string name, T[] values, bool[]? nulls = null)
        where T : struct => Set(name, c => Column.FromValues(c, values, nulls));

    /// <summary>A plain string column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values.</param>
    /// <exception cref="ArgumentException">The table has no such column, or it was declared already.</exception>
    public void Strings(string name, string?[] values) => Set(name, c => Column.FromStrings(c, values));

    /// <summary>Builds the table; every schema column must have been declared.</summary>
    /// <param name="parallelFor">Runs a body for indices [0, n), possibly in parallel (the run's degree of parallelism).</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidOperationException">A column of the schema was not declared.</exception>
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

    /// <exception cref="ArgumentException">The table has no column <paramref name="name"/>, or it was declared twice.</exception>
    private void Set(string name, Func<ColumnSchema, Column> make)
    {
        var i = _schema.IndexOf(name);
        if (i < 0)
        {
            throw new ArgumentException($"Table '{_schema.Name}' has no column '{name}'.", nameof(name));
        }

        if (_columns[i] is not null)
        {
            throw new ArgumentException($"Table '{_schema.Name}': column '{name}' was declared twice.", nameof(name));
        }

        var schema = _schema.Columns[i];
        _columns[i] = () => make(schema);
    }
}
