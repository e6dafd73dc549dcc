using LeadForge.Identifiers;

namespace LeadForge.Tables;

/// <summary>
/// Builds a <see cref="Table"/> row by row. Get a typed appender per column once
/// (<see cref="Values{T}(string)"/>, <see cref="Strings(string)"/>, or for compact string columns
/// <see cref="EntityIds(string, string)"/> and <see cref="Codes(string, IReadOnlyList{string})"/>),
/// append one value to every column per row, then call <see cref="Build"/>.
/// </summary>
/// <threadsafety>Not thread-safe; build partitions separately and <see cref="Table.Concat"/> them.</threadsafety>
public sealed class TableBuilder
{
    private readonly IColumnAppender[] _appenders;
    private readonly int _capacity;
    private bool _built;

    /// <summary>Creates a builder for <paramref name="schema"/>.</summary>
    /// <param name="schema">The table schema.</param>
    /// <param name="capacity">Expected rows.</param>
    public TableBuilder(TableSchema schema, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _capacity = capacity;
        _appenders = new IColumnAppender[schema.Columns.Count];
        for (var i = 0; i < _appenders.Length; i++)
        {
            _appenders[i] = CreateAppender(schema.Columns[i], capacity);
        }
    }

    /// <summary>The schema being built.</summary>
    public TableSchema Schema { get; }

    /// <summary>The appender of a value-typed column.</summary>
    /// <typeparam name="T">The column's value type.</typeparam>
    /// <param name="column">The column name.</param>
    /// <returns>The appender.</returns>
    public ValueAppender<T> Values<T>(string column)
        where T : struct => _appenders[IndexOf(column)] as ValueAppender<T>
            ?? throw new InvalidCastException($"Column '{column}' of '{Schema.Name}' is {Schema.Columns[IndexOf(column)].Type}, not {typeof(T).Name}.");

    /// <summary>The appender of a string column.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The appender.</returns>
    /// <exception cref="InvalidOperationException">The column is being built with <see cref="EntityIds"/> or <see cref="Codes"/>.</exception>
    public StringAppender Strings(string column) => _appenders[IndexOf(column)] switch
    {
        StringAppender plain => plain,
        EntityIdAppender or CodeAppender => throw new InvalidOperationException($"Column '{column}' of '{Schema.Name}' is being built with EntityIds(...) or Codes(...), not Strings(...)."),
        _ => throw new InvalidCastException($"Column '{column}' of '{Schema.Name}' is not a string column."),
    };

    /// <summary>
    /// The appender of a string column built from entity-id numbers (<c>prefix_000042</c>): no
    /// string is formatted or stored until the column is read (see <see cref="Column.FromEntityIds(ColumnSchema, string, long[])"/>).
    /// Ask before appending anything to the column; asking again with the same prefix returns the same appender.
    /// </summary>
    /// <param name="column">The column name.</param>
    /// <param name="prefix">The id prefix, e.g. <c>lead</c>.</param>
    /// <returns>The appender.</returns>
    /// <exception cref="InvalidCastException">The column is not a string column.</exception>
    /// <exception cref="InvalidOperationException">Values were already appended another way, or with another prefix.</exception>
    public EntityIdAppender EntityIds(string column, string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var i = IndexOf(column);
        switch (_appenders[i])
        {
            case EntityIdAppender ids when ids.Prefix == prefix:
                return ids;
            case StringAppender { Count: 0 }:
                var created = new EntityIdAppender(Schema.Columns[i], prefix, _capacity);
                _appenders[i] = created;
                return created;
            case StringAppender or EntityIdAppender or CodeAppender:
                throw new InvalidOperationException($"Column '{column}' of '{Schema.Name}' already has values appended another way; ask for EntityIds(\"{column}\", \"{prefix}\") before appending.");
            default:
                throw new InvalidCastException($"Column '{column}' of '{Schema.Name}' is not a string column.");
        }
    }

    /// <summary>
    /// The appender of a string column built from codes into a fixed list of distinct values
    /// (categories), so no cell is hashed (see <see cref="Column.FromCodes(ColumnSchema, IReadOnlyList{string}, int[])"/>). Ask before appending
    /// anything to the column; asking again with the same list instance returns the same appender.
    /// </summary>
    /// <param name="column">The column name.</param>
    /// <param name="dictionary">The distinct, non-null values; a code is an index into it.</param>
    /// <returns>The appender.</returns>
    /// <exception cref="ArgumentException">The dictionary has a null or repeated value.</exception>
    /// <exception cref="InvalidCastException">The column is not a string column.</exception>
    /// <exception cref="InvalidOperationException">Values were already appended another way, or with another dictionary.</exception>
    public CodeAppender Codes(string column, IReadOnlyList<string> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        var i = IndexOf(column);
        switch (_appenders[i])
        {
            case CodeAppender codes when ReferenceEquals(codes.Source, dictionary):
                return codes;
            case StringAppender { Count: 0 }:
                var created = new CodeAppender(Schema.Columns[i], dictionary, _capacity);
                _appenders[i] = created;
                return created;
            case StringAppender or EntityIdAppender or CodeAppender:
                throw new InvalidOperationException($"Column '{column}' of '{Schema.Name}' already has values appended another way; ask for Codes(\"{column}\", ...) once, before appending.");
            default:
                throw new InvalidCastException($"Column '{column}' of '{Schema.Name}' is not a string column.");
        }
    }

    /// <summary>Appends every row of a table with the same column names and types.</summary>
    /// <param name="table">The rows to append.</param>
    public void AppendRows(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        for (var i = 0; i < _appenders.Length; i++)
        {
            _appenders[i].AppendFrom(table[Schema.Columns[i].Name]);
        }
    }

    /// <summary>Builds the table; all columns must have the same number of values.</summary>
    /// <returns>The table.</returns>
    public Table Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("Build() may be called only once.");
        }

        _built = true;
        var columns = new Column[_appenders.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = _appenders[i].Build();
        }

        return new Table(Schema, columns);
    }

    private int IndexOf(string column)
    {
        var i = Schema.IndexOf(column);
        return i >= 0 ? i : throw new KeyNotFoundException($"Table '{Schema.Name}' has no column '{column}'.");
    }

    private static IColumnAppender CreateAppender(ColumnSchema c, int capacity) => c.Type switch
    {
        ColumnType.Boolean => new ValueAppender<bool>(c, capacity),
        ColumnType.Int32 => new ValueAppender<int>(c, capacity),
        ColumnType.Int64 => new ValueAppender<long>(c, capacity),
        ColumnType.Double => new ValueAppender<double>(c, capacity),
        ColumnType.Timestamp => new ValueAppender<DateTime>(c, capacity),
        ColumnType.Date => new ValueAppender<DateOnly>(c, capacity),
        ColumnType.String => new StringAppender(c, capacity),
        _ => throw new NotSupportedException(c.Type.ToString()),
    };
}

internal interface IColumnAppender
{
    Column Build();

    void AppendFrom(Column column);
}

/// <summary>Appends values to one value-typed column of a <see cref="TableBuilder"/>.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ValueAppender<T> : IColumnAppender
    where T : struct
{
    private readonly ColumnSchema _schema;
    private T[] _values;
    private bool[]? _nulls;
    private int _count;

    internal ValueAppender(ColumnSchema schema, int capacity)
    {
        _schema = schema;
        _values = new T[Math.Max(capacity, 4)];
    }

    /// <summary>Appends a value.</summary>
    /// <param name="value">The value.</param>
    public void Add(T value)
    {
        if (_count == _values.Length)
        {
            Grow();
        }

        _values[_count++] = value;
    }

    /// <summary>Appends a value or a null.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    public void Add(T? value)
    {
        if (value.HasValue)
        {
            Add(value.Value);
        }
        else
        {
            AddNull();
        }
    }

    /// <summary>Appends a null.</summary>
    public void AddNull()
    {
        if (_count == _values.Length)
        {
            Grow();
        }

        _nulls ??= new bool[_values.Length];
        _nulls[_count] = true;
        _values[_count++] = default;
    }

    /// <summary>Appends many non-null values at once.</summary>
    /// <param name="values">The values.</param>
    public void AddRange(ReadOnlySpan<T> values)
    {
        EnsureRoom(values.Length);
        values.CopyTo(_values.AsSpan(_count));
        _count += values.Length;
    }

    void IColumnAppender.AppendFrom(Column column)
    {
        var typed = column.As<T>();
        var start = _count;
        AddRange(typed.Values);
        if (typed.NullCount > 0)
        {
            _nulls ??= new bool[_values.Length];
            typed.NullFlags.CopyTo(_nulls.AsSpan(start));
        }
    }

    Column IColumnAppender.Build()
    {
        Array.Resize(ref _values, _count);
        if (_nulls is not null)
        {
            Array.Resize(ref _nulls, _count);
        }

        return new ValueColumn<T>(_schema, _values, _nulls);
    }

    private void Grow() => EnsureRoom(1);

    private void EnsureRoom(int more)
    {
        if (_count + more <= _values.Length)
        {
            return;
        }

        Array.Resize(ref _values, Math.Max(_values.Length * 2, _count + more));
        if (_nulls is not null)
        {
            Array.Resize(ref _nulls, _values.Length);
        }
    }
}

/// <summary>Appends values to one string column of a <see cref="TableBuilder"/>.</summary>
public sealed class StringAppender : IColumnAppender
{
    private readonly ColumnSchema _schema;
    private readonly int _capacity;

    // Created on the first value: every string column starts with this appender, and most of them
    // are switched to EntityIds(...) or Codes(...) before any value, so an eager list of the table's
    // capacity would be garbage the size of the column.
    private List<string?>? _values;

    internal StringAppender(ColumnSchema schema, int capacity)
    {
        _schema = schema;
        _capacity = capacity;
    }

    internal int Count => _values?.Count ?? 0;

    private List<string?> Values => _values ??= new List<string?>(_capacity);

    /// <summary>Appends a value or a null.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    public void Add(string? value) => Values.Add(value);

    void IColumnAppender.AppendFrom(Column column)
    {
        var typed = column.AsString();
        var values = Values;
        for (var r = 0; r < typed.Length; r++)
        {
            values.Add(typed[r]);
        }
    }

    Column IColumnAppender.Build() => StringColumn.Create(_schema, _values?.ToArray() ?? []);
}

/// <summary>Appends entity-id numbers to one string column of a <see cref="TableBuilder"/> (see <see cref="TableBuilder.EntityIds"/>).</summary>
public sealed class EntityIdAppender : IColumnAppender
{
    private readonly ColumnSchema _schema;

    // Four bytes a number until one does not fit in an int; then eight.
    private int[]? _narrow;
    private long[]? _wide;
    private int _count;

    internal EntityIdAppender(ColumnSchema schema, string prefix, int capacity)
    {
        _schema = schema;
        Prefix = prefix;
        _narrow = new int[Math.Max(capacity, 4)];
    }

    /// <summary>The id prefix.</summary>
    public string Prefix { get; }

    /// <summary>Appends the id with this number (<c>prefix_000042</c> for 42).</summary>
    /// <param name="number">The 1-based number; must be positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="number"/> is not positive.</exception>
    public void Add(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Append(number);
    }

    /// <summary>Appends a null.</summary>
    public void AddNull() => Append(0);

    void IColumnAppender.AppendFrom(Column column)
    {
        var typed = column.AsString();
        if (typed.IsEntityIdEncoded && typed.EntityIdPrefix == Prefix)
        {
            for (var r = 0; r < typed.Length; r++)
            {
                Append(typed.GetEntityIdNumber(r));
            }

            return;
        }

        for (var r = 0; r < typed.Length; r++)
        {
            var value = typed[r];
            if (value is null)
            {
                AddNull();
            }
            else if (EntityId.TryParse(value, Prefix, out var number))
            {
                Append(number);
            }
            else
            {
                throw new ArgumentException($"Column '{_schema.Name}' holds '{Prefix}' ids, but row {r} of the appended column is '{value}'.", nameof(column));
            }
        }
    }

    Column IColumnAppender.Build()
    {
        if (_narrow is not null)
        {
            Array.Resize(ref _narrow, _count);
            return StringColumn.CreateFromEntityIds(_schema, Prefix, _narrow);
        }

        Array.Resize(ref _wide, _count);
        return StringColumn.CreateFromEntityIds(_schema, Prefix, _wide);
    }

    private void Append(long number)
    {
        if (_narrow is not null)
        {
            if (number <= int.MaxValue)
            {
                if (_count == _narrow.Length)
                {
                    Array.Resize(ref _narrow, _narrow.Length * 2);
                }

                _narrow[_count++] = (int)number;
                return;
            }

            _wide = new long[_narrow.Length];
            for (var i = 0; i < _count; i++)
            {
                _wide[i] = _narrow[i];
            }

            _narrow = null;
        }

        if (_count == _wide!.Length)
        {
            Array.Resize(ref _wide, _wide.Length * 2);
        }

        _wide[_count++] = number;
    }
}

/// <summary>Appends codes into a fixed list of values to one string column of a <see cref="TableBuilder"/> (see <see cref="TableBuilder.Codes"/>).</summary>
public sealed class CodeAppender : IColumnAppender
{
    private readonly ColumnSchema _schema;
    private readonly string[] _dictionary;
    private Dictionary<string, int>? _lookup;

    // One byte a code (255 for null) when the dictionary allows, else four (-1 for null).
    private byte[]? _byteCodes;
    private int[]? _intCodes;
    private int _count;

    internal CodeAppender(ColumnSchema schema, IReadOnlyList<string> dictionary, int capacity)
    {
        _schema = schema;
        Source = dictionary;
        _dictionary = dictionary.ToArray();
        _lookup = new Dictionary<string, int>(_dictionary.Length, StringComparer.Ordinal);
        for (var k = 0; k < _dictionary.Length; k++)
        {
            if (_dictionary[k] is null)
            {
                throw new ArgumentException($"Column '{schema.Name}': dictionary entry {k} is null; use AddNull() for null cells.", nameof(dictionary));
            }

            if (!_lookup.TryAdd(_dictionary[k], k))
            {
                throw new ArgumentException($"Column '{schema.Name}': dictionary value '{_dictionary[k]}' appears twice.", nameof(dictionary));
            }
        }

        if (_dictionary.Length <= StringColumn.MaxByteCodeDictionary)
        {
            _byteCodes = new byte[Math.Max(capacity, 4)];
        }
        else
        {
            _intCodes = new int[Math.Max(capacity, 4)];
        }
    }

    /// <summary>The values the codes index into.</summary>
    public IReadOnlyList<string> Dictionary => _dictionary;

    internal IReadOnlyList<string> Source { get; }

    /// <summary>Appends the value <c>Dictionary[code]</c>.</summary>
    /// <param name="code">An index into <see cref="Dictionary"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is not an index into <see cref="Dictionary"/>.</exception>
    public void Add(int code)
    {
        if ((uint)code >= (uint)_dictionary.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, $"Column '{_schema.Name}': a code must be an index into the dictionary of {_dictionary.Length} values.");
        }

        Append(code);
    }

    /// <summary>Appends a null.</summary>
    public void AddNull() => Append(-1);

    void IColumnAppender.AppendFrom(Column column)
    {
        var typed = column.AsString();
        for (var r = 0; r < typed.Length; r++)
        {
            var value = typed[r];
            if (value is null)
            {
                AddNull();
            }
            else if (_lookup!.TryGetValue(value, out var code))
            {
                Append(code);
            }
            else
            {
                throw new ArgumentException($"Column '{_schema.Name}': row {r} of the appended column is '{value}', which is not in the dictionary.", nameof(column));
            }
        }
    }

    Column IColumnAppender.Build()
    {
        _lookup = null;
        if (_byteCodes is not null)
        {
            Array.Resize(ref _byteCodes, _count);
            return StringColumn.CreateFromCodes(_schema, _dictionary, _byteCodes, validate: false);
        }

        Array.Resize(ref _intCodes, _count);
        return StringColumn.CreateFromCodes(_schema, _dictionary, _intCodes!, validate: false);
    }

    private void Append(int code)
    {
        if (_byteCodes is not null)
        {
            if (_count == _byteCodes.Length)
            {
                Array.Resize(ref _byteCodes, _byteCodes.Length * 2);
            }

            _byteCodes[_count++] = code < 0 ? StringColumn.NullByteCode : (byte)code;
            return;
        }

        if (_count == _intCodes!.Length)
        {
            Array.Resize(ref _intCodes, _intCodes.Length * 2);
        }

        _intCodes[_count++] = code;
    }
}
