namespace LeadForge.Tables;

/// <summary>
/// A table declared once: a scheme writes one class per table whose constructor declares every
/// column (name, description, type, nullability, exposure, reference) as a typed slot, and whose
/// fill code writes the slots. The schema, the allocation and the built columns all follow from the
/// declarations, so a column is never named twice. A definition is one rendering: allocate, fill
/// (from many threads, each writing its own rows), build.
/// </summary>
/// <example>
/// <code>
/// internal sealed class RepsTable : TableDefinition
/// {
///     public RepsTable(int reps) : base("reps", "One row per sales rep.")
///     {
///         RepId = Key("rep_id", "Rep id.", "rep", reps);
///         Segment = Code("segment", "The segment the rep covers.", Categories.Of(["smb", "enterprise"]));
///     }
///
///     public IdSlot RepId { get; }
///
///     public CodeSlot Segment { get; }
/// }
/// </code>
/// </example>
public abstract class TableDefinition
{
    private readonly List<ColumnSlot> _slots = [];
    private string? _primaryKey;
    private ColumnSlot[]? _referenceOrder;
    private Exposure _exposure = Exposure.Public;
    private TableSchema? _schema;
    private TableSchema? _fullSchema;
    private int _rows = -1;
    private bool _built;

    /// <summary>Starts a definition.</summary>
    /// <param name="name">The snake_case table name.</param>
    /// <param name="description">What one row is.</param>
    /// <param name="scope">Which columns this rendering holds.</param>
    protected TableDefinition(string name, string description, ColumnScope scope = ColumnScope.All)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Description = description ?? string.Empty;
        Scope = scope;
    }

    /// <summary>The table name.</summary>
    /// <value>Set by the constructor.</value>
    public string Name { get; }

    /// <summary>What one row is.</summary>
    /// <value>Set by the constructor.</value>
    public string Description { get; }

    /// <summary>Which columns this rendering holds.</summary>
    /// <value><see cref="ColumnScope.All"/> unless given to the constructor.</value>
    public ColumnScope Scope { get; }

    /// <summary>The primary-key column declared with <c>Key</c> or <c>KeyOn</c>, whatever the scope.</summary>
    /// <value><see langword="null"/> until a key is declared.</value>
    public string? PrimaryKey => _primaryKey;

    /// <summary>The declared columns, in order (those outside the scope included).</summary>
    /// <value>The slots in declaration order.</value>
    public IReadOnlyList<ColumnSlot> Slots => _slots;

    /// <summary>The schema of this rendering: the columns in scope. Reading it ends the declarations.</summary>
    /// <value>Built on first read.</value>
    public TableSchema Schema => _schema ??= MakeSchema(_slots.Where(s => s.IsIncluded));

    /// <summary>The schema of every declared column, whatever the scope. Reading it ends the declarations.</summary>
    /// <value>Built on first read.</value>
    public TableSchema FullSchema => _fullSchema ??= MakeSchema(_slots);

    /// <summary>The number of rows allocated.</summary>
    /// <value>-1 until <see cref="Allocate"/> is called.</value>
    public int RowCount => _rows;

    /// <summary>Allocates the storage of every column in scope.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <exception cref="InvalidOperationException">The table was allocated already.</exception>
    public void Allocate(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (_rows >= 0)
        {
            throw new InvalidOperationException($"Table '{Name}' was allocated already.");
        }

        _ = Schema;
        _rows = rows;
        foreach (var slot in _slots)
        {
            if (slot.IsIncluded)
            {
                slot.Allocate(rows);
            }
        }
    }

    /// <summary>Builds the table from the filled storage (the storage is taken, not copied); the definition cannot be filled afterwards.</summary>
    /// <param name="parallelFor">Runs a body for indices [0, n), possibly in parallel (the run's degree of parallelism); <see langword="null"/> builds the columns one by one.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidOperationException">The table was not allocated, or was built already.</exception>
    public Table Build(Action<int, Action<int>>? parallelFor = null)
    {
        if (_rows < 0 || _built)
        {
            throw new InvalidOperationException($"Table '{Name}' {(_built ? "was built already" : "was not allocated")}.");
        }

        _built = true;
        var included = _slots.Where(s => s.IsIncluded).ToArray();
        foreach (var slot in included)
        {
            slot.Prepare();
        }

        var columns = new Column[included.Length];
        if (parallelFor is null)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = included[i].Build();
            }
        }
        else
        {
            parallelFor(columns.Length, i => columns[i] = included[i].Build());
        }

        return new Table(Schema, columns);
    }

    /// <summary>Restricts the whole table (e.g. to instructor bundles).</summary>
    /// <param name="exposure">The table's exposure.</param>
    protected void Expose(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        EnsureOpen();
        _exposure = exposure;
    }

    /// <summary>
    /// Lists the foreign keys in this order in the schema (by default they follow the column order):
    /// every declared column with a reference, each once.
    /// </summary>
    /// <param name="columns">The referencing columns, in the order the schema lists their keys.</param>
    /// <exception cref="ArgumentException">A column has no reference or is not of this table, or a referencing column is missing or repeated.</exception>
    protected void OrderReferences(params ColumnSlot[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        EnsureOpen();
        var referencing = _slots.Where(s => s.Reference is not null).ToArray();
        if (columns.Length != referencing.Length || columns.Distinct().Count() != columns.Length || columns.Any(c => !referencing.Contains(c)))
        {
            throw new ArgumentException(
                $"Table '{Name}': the reference order [{string.Join(", ", columns.Select(c => c?.Name))}] must list each referencing column "
                + $"({string.Join(", ", referencing.Select(s => s.Name))}) once.",
                nameof(columns));
        }

        _referenceOrder = columns;
    }

    /// <summary>Declares the primary-key column: an entity id.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="description">What the column means.</param>
    /// <param name="prefix">The entity-id prefix.</param>
    /// <param name="maxNumber">The largest id number.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="InvalidOperationException">A primary key was declared already.</exception>
    protected IdSlot Key(string name, string description, string prefix, long maxNumber)
    {
        if (_primaryKey is not null)
        {
            throw new InvalidOperationException($"Table '{Name}' declares a second primary key '{name}' (it has '{_primaryKey}').");
        }

        var slot = Id(name, description, prefix, maxNumber);
        _primaryKey = name;
        return slot;
    }

    /// <summary>Makes a declared column the primary key, for a key that is not an entity id (e.g. a name); an entity-id key is declared with <c>Key</c>.</summary>
    /// <param name="column">A non-nullable column of this table.</param>
    /// <exception cref="ArgumentException">The column is not of this table, or is nullable.</exception>
    /// <exception cref="InvalidOperationException">A primary key was declared already.</exception>
    protected void KeyOn(ColumnSlot column)
    {
        ArgumentNullException.ThrowIfNull(column);
        EnsureOpen();
        if (!_slots.Contains(column) || column.Schema.Nullable)
        {
            throw new ArgumentException($"Table '{Name}': the primary key '{column.Name}' must be a non-nullable column of this table.", nameof(column));
        }

        if (_primaryKey is not null)
        {
            throw new InvalidOperationException($"Table '{Name}' declares a second primary key '{column.Name}' (it has '{_primaryKey}').");
        }

        _primaryKey = column.Name;
    }

    /// <summary>Declares an entity-id column (<c>prefix_000042</c>).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="description">What the column means.</param>
    /// <param name="prefix">The entity-id prefix.</param>
    /// <param name="maxNumber">The largest id number.</param>
    /// <param name="references">The table whose key this column references, if any.</param>
    /// <param name="referencedColumn">The referenced key column; <see langword="null"/> for a column of the same name.</param>
    /// <param name="nullable">Whether a row may have no id (number 0).</param>
    /// <param name="exposure">Who may see the column; <see langword="null"/> for public.</param>
    /// <returns>The slot.</returns>
    protected IdSlot Id(string name, string description, string prefix, long maxNumber, string? references = null, string? referencedColumn = null, bool nullable = false, Exposure? exposure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var e = exposure ?? Exposure.Public;
        var fk = references is null ? null : new ForeignKey(name, references, referencedColumn ?? name);
        return Add(new IdSlot(new ColumnSchema(name, ColumnType.String, nullable, description), e, fk, InScope(e), prefix, maxNumber));
    }

    /// <summary>Declares a categorical string column (stored dictionary-encoded).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="description">What the column means.</param>
    /// <param name="categories">The categories its codes index.</param>
    /// <param name="nullable">Whether a row may have no category (code -1).</param>
    /// <param name="exposure">Who may see the column; <see langword="null"/> for public.</param>
    /// <returns>The slot.</returns>
    protected CodeSlot Code(string name, string description, Categories categories, bool nullable = false, Exposure? exposure = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var e = exposure ?? Exposure.Public;
        return Add(new CodeSlot(new ColumnSchema(name, ColumnType.String, nullable, description, DictionaryEncoded: true), e, InScope(e), categories, null));
    }

    /// <summary>Declares a categorical column that repeats another one's cells (it is not filled itself).</summary>
    /// <param name="name">The column name.</param>
    /// <param name="description">What the column means.</param>
    /// <param name="source">The column whose cells it repeats (declared earlier in this table).</param>
    /// <param name="exposure">Who may see the column; <see langword="null"/> for public.</param>
    /// <returns>The slot.</returns>
    protected CodeSlot CopyOf(string name, string description, CodeSlot source, Exposure? exposure = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!_slots.Contains(source))
        {
            throw new ArgumentException($"Table '{Name}': column '{name}' copies '{source.Name}', which is not a column of this table.", nameof(source));
        }

        var e = exposure ?? Exposure.Public;
        var included = InScope(e);
        if (included && !source.IsIncluded)
        {
            throw new ArgumentException($"Table '{Name}': column '{name}' copies '{source.Name}', which this rendering leaves out.", nameof(source));
        }

        return Add(new CodeSlot(source.Schema with { Name = name, Description = description }, e, included, source.Categories, source));
    }

    /// <summary>Declares a value column: <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="DateTime"/> (a UTC timestamp) or <see cref="DateOnly"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="name">The column name.</param>
    /// <param name="description">What the column means.</param>
    /// <param name="nullable">Whether a row may be null.</param>
    /// <param name="exposure">Who may see the column; <see langword="null"/> for public.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a column type.</exception>
    protected ValueSlot<T> Value<T>(string name, string description, bool nullable = false, Exposure? exposure = null)
        where T : struct
    {
        var e = exposure ?? Exposure.Public;
        return Add(new ValueSlot<T>(new ColumnSchema(name, TypeOf<T>(), nullable, description), e, null, InScope(e)));
    }

    /// <summary>Declares a free-text string column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="description">What the column means.</param>
    /// <param name="nullable">Whether a row may be null.</param>
    /// <param name="exposure">Who may see the column; <see langword="null"/> for public.</param>
    /// <param name="dictionaryEncoded">Whether the built column stores its distinct values once (for text with few distinct values).</param>
    /// <returns>The slot.</returns>
    protected TextSlot Text(string name, string description, bool nullable = false, Exposure? exposure = null, bool dictionaryEncoded = false)
    {
        var e = exposure ?? Exposure.Public;
        return Add(new TextSlot(new ColumnSchema(name, ColumnType.String, nullable, description, dictionaryEncoded), e, InScope(e)));
    }

    private static ColumnType TypeOf<T>()
        where T : struct
    {
        if (typeof(T) == typeof(bool))
        {
            return ColumnType.Boolean;
        }

        if (typeof(T) == typeof(int))
        {
            return ColumnType.Int32;
        }

        if (typeof(T) == typeof(long))
        {
            return ColumnType.Int64;
        }

        if (typeof(T) == typeof(double))
        {
            return ColumnType.Double;
        }

        if (typeof(T) == typeof(DateTime))
        {
            return ColumnType.Timestamp;
        }

        return typeof(T) == typeof(DateOnly)
            ? ColumnType.Date
            : throw new NotSupportedException($"{typeof(T).Name} is not a column value type (bool, int, long, double, DateTime or DateOnly).");
    }

    private bool InScope(Exposure exposure) => Scope == ColumnScope.All || !exposure.IsInstructorOnly;

    private TSlot Add<TSlot>(TSlot slot)
        where TSlot : ColumnSlot
    {
        EnsureOpen();
        if (_slots.Any(s => s.Name == slot.Name))
        {
            throw new ArgumentException($"Table '{Name}' declares column '{slot.Name}' twice.", nameof(slot));
        }

        _slots.Add(slot);
        return slot;
    }

    private void EnsureOpen()
    {
        if (_schema is not null || _fullSchema is not null)
        {
            throw new InvalidOperationException($"Table '{Name}': declare every column before the schema is read or the table allocated.");
        }
    }

    private TableSchema MakeSchema(IEnumerable<ColumnSlot> slots)
    {
        var chosen = slots.ToArray();
        var names = chosen.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var schema = new TableSchema(
            Name,
            Description,
            chosen.Select(s => s.Schema).ToArray(),
            _primaryKey is not null && names.Contains(_primaryKey) ? _primaryKey : null,
            (_referenceOrder ?? [.. _slots]).Where(s => s.Reference is not null && chosen.Contains(s)).Select(s => s.Reference!).ToArray());
        if (_exposure.IsInstructorOnly)
        {
            schema = schema.WithExposure(_exposure);
        }

        foreach (var slot in chosen.Where(s => s.Exposure.IsInstructorOnly))
        {
            schema = schema.WithColumnExposure(slot.Name, slot.Exposure);
        }

        return schema;
    }
}
