namespace LeadForge.Tables;

/// <summary>An immutable, columnar, typed table.</summary>
/// <threadsafety>Immutable; safe to read from many threads.</threadsafety>
public sealed class Table
{
    private readonly Column[] _columns;

    /// <summary>Creates a table from columns that match <paramref name="schema"/> in order, type and length.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="columns">The columns.</param>
    public Table(TableSchema schema, IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != schema.Columns.Count)
        {
            throw new ArgumentException($"Table '{schema.Name}' declares {schema.Columns.Count} columns but got {columns.Count}.", nameof(columns));
        }

        var rows = columns.Count == 0 ? 0 : columns[0].Length;
        for (var i = 0; i < columns.Count; i++)
        {
            var declared = schema.Columns[i];
            var actual = columns[i];
            if (actual.Name != declared.Name || actual.Type != declared.Type)
            {
                throw new ArgumentException($"Table '{schema.Name}' column {i} should be '{declared.Name}' ({declared.Type}) but is '{actual.Name}' ({actual.Type}).", nameof(columns));
            }

            if (actual.Length != rows)
            {
                throw new ArgumentException($"Table '{schema.Name}' column '{actual.Name}' has {actual.Length} rows; expected {rows}.", nameof(columns));
            }
        }

        Schema = schema;
        _columns = columns.ToArray();
        RowCount = rows;
    }

    /// <summary>The table name.</summary>
    public string Name => Schema.Name;

    /// <summary>The schema.</summary>
    public TableSchema Schema { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns, in schema order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>The column with the given name.</summary>
    /// <param name="name">The column name.</param>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public Column this[string name]
    {
        get
        {
            var i = Schema.IndexOf(name);
            return i >= 0 ? _columns[i] : throw new KeyNotFoundException($"Table '{Name}' has no column '{name}'. Columns: {string.Join(", ", Schema.Columns.Select(c => c.Name))}.");
        }
    }

    /// <summary>Whether the table has a column with the given name.</summary>
    /// <param name="name">The column name.</param>
    /// <returns><see langword="true"/> if present.</returns>
    public bool HasColumn(string name) => Schema.IndexOf(name) >= 0;

    /// <summary>A table with the rows at <paramref name="rows"/>, in that order.</summary>
    /// <param name="rows">Row indices.</param>
    /// <returns>The new table.</returns>
    public Table Take(ReadOnlySpan<int> rows)
    {
        var columns = new Column[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = _columns[i].Take(rows);
        }

        return new Table(Schema, columns);
    }

    /// <summary>A table with the rows for which <paramref name="keep"/> is true.</summary>
    /// <param name="keep">The row predicate.</param>
    /// <returns>The filtered table.</returns>
    public Table Where(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var rows = new List<int>(RowCount);
        for (var r = 0; r < RowCount; r++)
        {
            if (keep(r))
            {
                rows.Add(r);
            }
        }

        return rows.Count == RowCount ? this : Take(rows.ToArray());
    }

    /// <summary>A table with only the columns that <paramref name="keep"/> accepts.</summary>
    /// <param name="keep">The column predicate.</param>
    /// <returns>The projected table.</returns>
    public Table SelectColumns(Func<ColumnSchema, bool> keep)
    {
        var schema = Schema.Select(keep);
        return new Table(schema, schema.Columns.Select(c => this[c.Name]).ToArray());
    }

    /// <summary>
    /// A SHA-256 (lower-case hex) over the schema and every cell in a canonical encoding:
    /// equal for equal content regardless of how the table is stored.
    /// </summary>
    /// <returns>The content hash.</returns>
    public string ComputeContentHash()
    {
        using var writer = new IncrementalHashWriter();
        writer.Write(Name);
        foreach (var c in Schema.Columns)
        {
            writer.Write(c.Name);
            writer.Write((long)c.Type);
        }

        writer.Write(RowCount);
        foreach (var column in _columns)
        {
            column.AppendCanonical(writer);
        }

        return writer.Finish();
    }

    /// <summary>
    /// Concatenates tables with the same column names and types, in order. Dictionary-encoded and
    /// entity-id string columns stay compact when every part stores them that way.
    /// </summary>
    /// <param name="schema">The common schema.</param>
    /// <param name="parts">The parts.</param>
    /// <returns>The concatenation.</returns>
    public static Table Concat(TableSchema schema, IReadOnlyList<Table> parts)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(parts);
        var columns = new Column[schema.Columns.Count];
        var pieces = new Column[parts.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var column = schema.Columns[c];
            for (var p = 0; p < parts.Count; p++)
            {
                pieces[p] = parts[p][column.Name];
            }

            columns[c] = Column.Concat(column, pieces);
        }

        return new Table(schema, columns);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({RowCount:N0} rows × {_columns.Length} columns)";
}
