namespace LeadForge.Tables;

/// <summary>
/// Builds a <see cref="Table"/> row by row. Get a typed appender per column once
/// (<see cref="Values{T}(string)"/>, <see cref="Strings(string)"/>), append one value to every
/// column per row, then call <see cref="Build"/>.
/// </summary>
/// <threadsafety>Not thread-safe; build partitions separately and <see cref="Table.Concat"/> them.</threadsafety>
public sealed class TableBuilder
{
    private readonly IColumnAppender[] _appenders;
    private bool _built;

    /// <summary>Creates a builder for <paramref name="schema"/>.</summary>
    /// <param name="schema">The table schema.</param>
    /// <param name="capacity">Expected rows.</param>
    public TableBuilder(TableSchema schema, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _appenders = schema.Columns.Select(c => CreateAppender(c, capacity)).ToArray();
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
    public StringAppender Strings(string column) => _appenders[IndexOf(column)] as StringAppender
        ?? throw new InvalidCastException($"Column '{column}' of '{Schema.Name}' is not a string column.");

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
        return new Table(Schema, _appenders.Select(a => a.Build()).ToArray());
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

    void IColumnAppender.AppendFrom(Column column)
    {
        var typed = column.As<T>();
        for (var r = 0; r < typed.Length; r++)
        {
            Add(typed[r]);
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

    private void Grow()
    {
        Array.Resize(ref _values, _values.Length * 2);
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
    private readonly List<string?> _values;

    internal StringAppender(ColumnSchema schema, int capacity)
    {
        _schema = schema;
        _values = new List<string?>(capacity);
    }

    /// <summary>Appends a value or a null.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    public void Add(string? value) => _values.Add(value);

    void IColumnAppender.AppendFrom(Column column)
    {
        var typed = column.AsString();
        for (var r = 0; r < typed.Length; r++)
        {
            _values.Add(typed[r]);
        }
    }

    Column IColumnAppender.Build() => StringColumn.Create(_schema, _values.ToArray());
}
