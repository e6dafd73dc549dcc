namespace LeadForge.Tables;

/// <summary>The schema of one column.</summary>
/// <param name="Name">The snake_case column name.</param>
/// <param name="Type">The logical type.</param>
/// <param name="Nullable">Whether the column may hold nulls.</param>
/// <param name="Description">What the column means.</param>
/// <param name="DictionaryEncoded">Whether a string column is low-cardinality and stored dictionary-encoded.</param>
public sealed record ColumnSchema(string Name, ColumnType Type, bool Nullable, string Description, bool DictionaryEncoded = false)
{
    /// <summary>The CLR type of a non-null value of this column.</summary>
    public Type ClrType => Type switch
    {
        ColumnType.Boolean => typeof(bool),
        ColumnType.Int32 => typeof(int),
        ColumnType.Int64 => typeof(long),
        ColumnType.Double => typeof(double),
        ColumnType.String => typeof(string),
        ColumnType.Timestamp => typeof(DateTime),
        ColumnType.Date => typeof(DateOnly),
        _ => throw new InvalidOperationException(),
    };
}

/// <summary>A foreign key: <c>Column</c> of this table references <c>ReferencedColumn</c> of <c>ReferencedTable</c>.</summary>
/// <param name="Column">The referencing column.</param>
/// <param name="ReferencedTable">The referenced table.</param>
/// <param name="ReferencedColumn">The referenced (primary key) column.</param>
public sealed record ForeignKey(string Column, string ReferencedTable, string ReferencedColumn);

/// <summary>The schema of a table: columns, primary key and foreign keys.</summary>
public sealed class TableSchema
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema.</summary>
    /// <param name="name">The snake_case table name.</param>
    /// <param name="description">What one row is.</param>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="primaryKey">The primary-key column, or <see langword="null"/> for none.</param>
    /// <param name="foreignKeys">The foreign keys.</param>
    public TableSchema(string name, string description, IReadOnlyList<ColumnSchema> columns, string? primaryKey = null, IReadOnlyList<ForeignKey>? foreignKeys = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(columns);
        Name = name;
        Description = description ?? string.Empty;
        Columns = columns.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (!_index.TryAdd(Columns[i].Name, i))
            {
                throw new ArgumentException($"Table '{name}' declares column '{Columns[i].Name}' twice.", nameof(columns));
            }
        }

        if (primaryKey is not null && !_index.ContainsKey(primaryKey))
        {
            throw new ArgumentException($"Primary key '{primaryKey}' is not a column of '{name}'.", nameof(primaryKey));
        }

        PrimaryKey = primaryKey;
        ForeignKeys = (foreignKeys ?? []).ToArray();
        foreach (var fk in ForeignKeys)
        {
            if (!_index.ContainsKey(fk.Column))
            {
                throw new ArgumentException($"Foreign key column '{fk.Column}' is not a column of '{name}'.", nameof(foreignKeys));
            }
        }
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>What one row is.</summary>
    public string Description { get; }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ColumnSchema> Columns { get; }

    /// <summary>The primary-key column, if any.</summary>
    public string? PrimaryKey { get; }

    /// <summary>The foreign keys.</summary>
    public IReadOnlyList<ForeignKey> ForeignKeys { get; }

    /// <summary>Who may see the whole table.</summary>
    /// <value><see cref="Tables.Exposure.Public"/> unless declared with <see cref="WithExposure"/>.</value>
    public Exposure Exposure { get; private init; } = Exposure.Public;

    /// <summary>The columns whose exposure differs from public, by column name.</summary>
    /// <value>Empty unless declared with <see cref="WithColumnExposure"/>.</value>
    public IReadOnlyDictionary<string, Exposure> ColumnExposures { get; private init; } = new Dictionary<string, Exposure>(StringComparer.Ordinal);

    /// <summary>The exposure of one column: its own declaration, else public.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The column's exposure.</returns>
    public Exposure ExposureOf(string column) => ColumnExposures.TryGetValue(column, out var e) ? e : Exposure.Public;

    /// <summary>A copy whose whole table has the given exposure.</summary>
    /// <param name="exposure">The table's exposure.</param>
    /// <returns>The schema with the exposure.</returns>
    public TableSchema WithExposure(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        return new(Name, Description, Columns, PrimaryKey, ForeignKeys) { Exposure = exposure, ColumnExposures = ColumnExposures };
    }

    /// <summary>A copy in which one column has the given exposure.</summary>
    /// <param name="column">The column name.</param>
    /// <param name="exposure">The column's exposure.</param>
    /// <returns>The schema with the column exposure.</returns>
    /// <exception cref="ArgumentException">The column is not in the schema.</exception>
    public TableSchema WithColumnExposure(string column, Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        if (!_index.ContainsKey(column))
        {
            throw new ArgumentException($"'{column}' is not a column of '{Name}'.", nameof(column));
        }

        var columns = new Dictionary<string, Exposure>(ColumnExposures, StringComparer.Ordinal) { [column] = exposure };
        return new(Name, Description, Columns, PrimaryKey, ForeignKeys) { Exposure = Exposure, ColumnExposures = columns };
    }

    /// <summary>The index of a column, or -1.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The 0-based index, or -1 if absent.</returns>
    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>A schema with only the given columns (in this schema's order); keys on dropped columns are dropped.</summary>
    /// <param name="keep">Whether to keep a column.</param>
    /// <returns>The projected schema.</returns>
    public TableSchema Select(Func<ColumnSchema, bool> keep)
    {
        var columns = Columns.Where(keep).ToArray();
        var names = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new TableSchema(Name, Description, columns, PrimaryKey is not null && names.Contains(PrimaryKey) ? PrimaryKey : null, ForeignKeys.Where(f => names.Contains(f.Column)).ToArray())
        {
            Exposure = Exposure,
            ColumnExposures = ColumnExposures.Where(e => names.Contains(e.Key)).ToDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>A copy with another name and description.</summary>
    /// <param name="name">The new name.</param>
    /// <param name="description">The new description, or <see langword="null"/> to keep it.</param>
    /// <returns>The renamed schema.</returns>
    public TableSchema WithName(string name, string? description = null) =>
        new(name, description ?? Description, Columns, PrimaryKey, ForeignKeys) { Exposure = Exposure, ColumnExposures = ColumnExposures };
}
