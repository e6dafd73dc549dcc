using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LeadForge.Tables;

/// <summary>A read-only, typed column of a <see cref="Table"/>.</summary>
/// <remarks>Use <see cref="ValueColumn{T}"/> or <see cref="StringColumn"/> for typed access without boxing.</remarks>
public abstract class Column
{
    private protected Column(ColumnSchema schema, int length)
    {
        Schema = schema;
        Length = length;
    }

    /// <summary>The column's schema.</summary>
    public ColumnSchema Schema { get; }

    /// <summary>The column name.</summary>
    public string Name => Schema.Name;

    /// <summary>The logical type.</summary>
    public ColumnType Type => Schema.Type;

    /// <summary>The number of rows.</summary>
    public int Length { get; }

    /// <summary>The number of null cells.</summary>
    public abstract int NullCount { get; }

    /// <summary>Whether the cell at <paramref name="row"/> is null.</summary>
    /// <param name="row">The 0-based row.</param>
    /// <returns><see langword="true"/> when null.</returns>
    public abstract bool IsNull(int row);

    /// <summary>The boxed value at <paramref name="row"/> (null for a null cell). Prefer the typed accessors.</summary>
    /// <param name="row">The 0-based row.</param>
    /// <returns>The value.</returns>
    public abstract object? GetValue(int row);

    /// <summary>Typed view of this column.</summary>
    /// <typeparam name="T">The value type (bool, int, long, double, DateTime or DateOnly).</typeparam>
    /// <returns>The typed column.</returns>
    /// <exception cref="InvalidCastException">The column is not of type <typeparamref name="T"/>.</exception>
    public ValueColumn<T> As<T>()
        where T : struct => this as ValueColumn<T> ?? throw new InvalidCastException($"Column '{Name}' is {Type}, not {typeof(T).Name}.");

    /// <summary>String view of this column.</summary>
    /// <returns>The string column.</returns>
    /// <exception cref="InvalidCastException">The column is not a string column.</exception>
    public StringColumn AsString() => this as StringColumn ?? throw new InvalidCastException($"Column '{Name}' is {Type}, not String.");

    /// <summary>A column with the rows at <paramref name="rows"/>, in that order.</summary>
    /// <param name="rows">Row indices.</param>
    /// <returns>The new column.</returns>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>A copy of this column under another schema (same type).</summary>
    /// <param name="schema">The new schema.</param>
    /// <returns>The new column.</returns>
    public abstract Column WithSchema(ColumnSchema schema);

    /// <summary>Feeds every cell, in row order, to the canonical content hash.</summary>
    internal abstract void AppendCanonical(IncrementalHashWriter writer);

    /// <summary>Creates a value column from arrays (taken without copying).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="schema">The column schema.</param>
    /// <param name="values">The values (the value at a null cell is ignored).</param>
    /// <param name="nulls">Null flags, or <see langword="null"/> for none.</param>
    /// <returns>The column.</returns>
    public static ValueColumn<T> FromValues<T>(ColumnSchema schema, T[] values, bool[]? nulls = null)
        where T : struct => new(schema, values, nulls);

    /// <summary>Creates a string column (dictionary-encoded when the schema says so).</summary>
    /// <param name="schema">The column schema.</param>
    /// <param name="values">The values; null for a null cell.</param>
    /// <returns>The column.</returns>
    public static StringColumn FromStrings(ColumnSchema schema, string?[] values) => StringColumn.Create(schema, values);

    /// <summary>
    /// Creates a string column from codes into a dictionary of distinct values, without hashing any
    /// cell: the fast way to build low-cardinality (categorical) columns. When the schema is
    /// dictionary-encoded the column keeps the codes (renumbered to first-appearance order, unused
    /// entries dropped), one byte a row when at most <see cref="StringColumn.MaxByteCodeDictionary"/>
    /// values are used; otherwise it holds the dictionary's string instances.
    /// </summary>
    /// <param name="schema">The column schema (type <see cref="ColumnType.String"/>).</param>
    /// <param name="dictionary">The distinct, non-null values.</param>
    /// <param name="codes">An index into <paramref name="dictionary"/> per row, or -1 for null; taken without copying when more than <see cref="StringColumn.MaxByteCodeDictionary"/> values are used and the codes are already in first-appearance order (else stored as a narrowed or renumbered copy).</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException">The schema is not a string column, the dictionary has a null or repeated value, or a null appears in a non-nullable column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A code is below -1 or not an index into <paramref name="dictionary"/>.</exception>
    public static StringColumn FromCodes(ColumnSchema schema, IReadOnlyList<string> dictionary, int[] codes) =>
        StringColumn.CreateFromCodes(schema, dictionary, codes, validate: true);

    /// <summary>
    /// Creates a string column from one-byte codes into a dictionary of at most
    /// <see cref="StringColumn.MaxByteCodeDictionary"/> distinct values (the byte 255 marks a null):
    /// as <see cref="FromCodes(ColumnSchema, IReadOnlyList{string}, int[])"/>, a quarter of the memory.
    /// </summary>
    /// <param name="schema">The column schema (type <see cref="ColumnType.String"/>).</param>
    /// <param name="dictionary">The distinct, non-null values; at most <see cref="StringColumn.MaxByteCodeDictionary"/>.</param>
    /// <param name="codes">An index into <paramref name="dictionary"/> per row, or 255 for null; taken without copying when already in first-appearance order.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException">The schema is not a string column, the dictionary is too large or has a null or repeated value, or a null appears in a non-nullable column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A code other than 255 is not an index into <paramref name="dictionary"/>.</exception>
    public static StringColumn FromCodes(ColumnSchema schema, IReadOnlyList<string> dictionary, byte[] codes) =>
        StringColumn.CreateFromCodes(schema, dictionary, codes, validate: true);

    /// <summary>
    /// Creates a string column of entity ids (<c>prefix_000042</c>, see
    /// <see cref="Identifiers.EntityId"/>) stored as their numbers: 4 bytes a row when every number
    /// fits in an <see cref="int"/> (else 8) instead of a string object, formatted only when read.
    /// Reads, hashes and files are identical to a column of the formatted strings. A
    /// dictionary-encoded schema gets codes instead.
    /// </summary>
    /// <param name="schema">The column schema (type <see cref="ColumnType.String"/>).</param>
    /// <param name="prefix">The id prefix, e.g. <c>lead</c>.</param>
    /// <param name="numbers">The 1-based id number per row, or 0 for null; stored as a narrowed copy when every number fits in an <see cref="int"/>, else taken without copying.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException">The schema is not a string column, the prefix is empty, or a null appears in a non-nullable column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is negative.</exception>
    public static StringColumn FromEntityIds(ColumnSchema schema, string prefix, long[] numbers) =>
        StringColumn.CreateFromEntityIds(schema, prefix, numbers);

    /// <summary>
    /// Creates a string column of entity ids from <see cref="int"/> numbers, 4 bytes a row: as
    /// <see cref="FromEntityIds(ColumnSchema, string, long[])"/> without a wide array.
    /// </summary>
    /// <param name="schema">The column schema (type <see cref="ColumnType.String"/>).</param>
    /// <param name="prefix">The id prefix, e.g. <c>lead</c>.</param>
    /// <param name="numbers">The 1-based id number per row, or 0 for null; taken without copying.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException">The schema is not a string column, the prefix is empty, or a null appears in a non-nullable column.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is negative.</exception>
    public static StringColumn FromEntityIds(ColumnSchema schema, string prefix, int[] numbers) =>
        StringColumn.CreateFromEntityIds(schema, prefix, numbers);

    /// <summary>Concatenates columns of the same type under <paramref name="schema"/>, keeping compact storage where the parts share it.</summary>
    internal static Column Concat(ColumnSchema schema, IReadOnlyList<Column> parts) => schema.Type switch
    {
        ColumnType.Boolean => ValueColumn<bool>.ConcatValues(schema, parts),
        ColumnType.Int32 => ValueColumn<int>.ConcatValues(schema, parts),
        ColumnType.Int64 => ValueColumn<long>.ConcatValues(schema, parts),
        ColumnType.Double => ValueColumn<double>.ConcatValues(schema, parts),
        ColumnType.Timestamp => ValueColumn<DateTime>.ConcatValues(schema, parts),
        ColumnType.Date => ValueColumn<DateOnly>.ConcatValues(schema, parts),
        ColumnType.String => StringColumn.ConcatStrings(schema, parts),
        _ => throw new NotSupportedException(schema.Type.ToString()),
    };
}

/// <summary>A column of value-typed cells (bool, int, long, double, <see cref="DateTime"/>, <see cref="DateOnly"/>).</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ValueColumn<T> : Column
    where T : struct
{
    private readonly T[] _values;
    private readonly bool[]? _nulls;
    private readonly int _nullCount;

    internal ValueColumn(ColumnSchema schema, T[] values, bool[]? nulls)
        : base(schema, values.Length)
    {
        if (schema.ClrType != typeof(T))
        {
            throw new ArgumentException($"Column '{schema.Name}' is declared {schema.Type} but holds {typeof(T).Name}.", nameof(schema));
        }

        if (nulls is not null && nulls.Length != values.Length)
        {
            throw new ArgumentException("Null flags and values differ in length.", nameof(nulls));
        }

        _values = values;
        _nullCount = nulls is null ? 0 : nulls.AsSpan().Count(true);
        _nulls = _nullCount == 0 ? null : nulls;
        if (_nullCount > 0 && !schema.Nullable)
        {
            throw new ArgumentException($"Column '{schema.Name}' is not nullable but has {_nullCount} nulls.", nameof(nulls));
        }
    }

    /// <summary>The raw values (the value at a null cell is meaningless).</summary>
    public ReadOnlySpan<T> Values => _values;

    /// <summary>The raw values as memory, for APIs that take <see cref="ReadOnlyMemory{T}"/> (the value at a null cell is meaningless).</summary>
    public ReadOnlyMemory<T> ValuesMemory => _values;

    /// <summary>The null flags, empty when the column has no nulls.</summary>
    public ReadOnlySpan<bool> NullFlags => _nulls;

    /// <inheritdoc />
    public override int NullCount => _nullCount;

    /// <summary>The value at <paramref name="row"/>, or <see langword="null"/>.</summary>
    /// <param name="row">The 0-based row.</param>
    public T? this[int row] => _nulls is not null && _nulls[row] ? null : _values[row];

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool IsNull(int row) => _nulls is not null && _nulls[row];

    /// <inheritdoc />
    public override object? GetValue(int row) => IsNull(row) ? null : _values[row];

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new T[rows.Length];
        bool[]? nulls = _nulls is null ? null : new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = _values[rows[i]];
        }

        if (nulls is not null)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                nulls[i] = _nulls![rows[i]];
            }
        }

        return new ValueColumn<T>(Schema, values, nulls);
    }

    /// <inheritdoc />
    public override Column WithSchema(ColumnSchema schema) => new ValueColumn<T>(schema, _values, _nulls);

    internal static ValueColumn<T> ConcatValues(ColumnSchema schema, IReadOnlyList<Column> parts)
    {
        var total = 0;
        var anyNulls = false;
        foreach (var part in parts)
        {
            var typed = part.As<T>();
            total += typed.Length;
            anyNulls |= typed._nulls is not null;
        }

        var values = new T[total];
        var nulls = anyNulls ? new bool[total] : null;
        var at = 0;
        foreach (var part in parts)
        {
            var typed = (ValueColumn<T>)part;
            typed._values.CopyTo(values, at);
            typed._nulls?.CopyTo(nulls!, at);
            at += typed.Length;
        }

        return new ValueColumn<T>(schema, values, nulls);
    }

    internal override void AppendCanonical(IncrementalHashWriter writer)
    {
        // typeof(T) tests are constant per instantiation, so each loop below is specialised by the JIT.
        if (typeof(T) == typeof(bool))
        {
            Append(writer, MemoryMarshal.Cast<T, bool>(_values), static v => v ? 1L : 0L);
        }
        else if (typeof(T) == typeof(int))
        {
            Append(writer, MemoryMarshal.Cast<T, int>(_values), static v => v);
        }
        else if (typeof(T) == typeof(long))
        {
            Append(writer, MemoryMarshal.Cast<T, long>(_values), static v => v);
        }
        else if (typeof(T) == typeof(double))
        {
            Append(writer, MemoryMarshal.Cast<T, double>(_values), BitConverter.DoubleToInt64Bits);
        }
        else if (typeof(T) == typeof(DateTime))
        {
            Append(writer, MemoryMarshal.Cast<T, DateTime>(_values), static v => v.Ticks);
        }
        else if (typeof(T) == typeof(DateOnly))
        {
            Append(writer, MemoryMarshal.Cast<T, DateOnly>(_values), static v => v.DayNumber);
        }
        else
        {
            throw new NotSupportedException(typeof(T).Name);
        }
    }

    private void Append<TValue>(IncrementalHashWriter writer, ReadOnlySpan<TValue> values, Func<TValue, long> canonical)
    {
        var nulls = _nulls;
        for (var r = 0; r < values.Length; r++)
        {
            if (nulls is not null && nulls[r])
            {
                writer.WriteNull();
            }
            else
            {
                writer.Write(canonical(values[r]));
            }
        }
    }
}
