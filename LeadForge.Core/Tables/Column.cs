using System.Runtime.CompilerServices;

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

    internal abstract void AppendCanonical(int row, IncrementalHashWriter writer);

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
        _nullCount = nulls is null ? 0 : nulls.Count(n => n);
        _nulls = _nullCount == 0 ? null : nulls;
        if (_nullCount > 0 && !schema.Nullable)
        {
            throw new ArgumentException($"Column '{schema.Name}' is not nullable but has {_nullCount} nulls.", nameof(nulls));
        }
    }

    /// <summary>The raw values (the value at a null cell is meaningless).</summary>
    public ReadOnlySpan<T> Values => _values;

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
            if (nulls is not null)
            {
                nulls[i] = _nulls![rows[i]];
            }
        }

        return new ValueColumn<T>(Schema, values, nulls);
    }

    /// <inheritdoc />
    public override Column WithSchema(ColumnSchema schema) => new ValueColumn<T>(schema, _values, _nulls);

    internal override void AppendCanonical(int row, IncrementalHashWriter writer)
    {
        if (IsNull(row))
        {
            writer.WriteNull();
            return;
        }

        switch (_values[row])
        {
            case bool b:
                writer.Write(b ? 1L : 0L);
                break;
            case int i:
                writer.Write(i);
                break;
            case long l:
                writer.Write(l);
                break;
            case double d:
                writer.Write(BitConverter.DoubleToInt64Bits(d));
                break;
            case DateTime t:
                writer.Write(t.Ticks);
                break;
            case DateOnly d:
                writer.Write(d.DayNumber);
                break;
        }
    }
}

/// <summary>A column of strings, optionally dictionary-encoded.</summary>
public sealed class StringColumn : Column
{
    private readonly string?[]? _values;
    private readonly int[]? _codes;
    private readonly string[]? _dictionary;
    private readonly int _nullCount;

    private StringColumn(ColumnSchema schema, string?[]? values, int[]? codes, string[]? dictionary, int length, int nullCount)
        : base(schema, length)
    {
        _values = values;
        _codes = codes;
        _dictionary = dictionary;
        _nullCount = nullCount;
        if (nullCount > 0 && !schema.Nullable)
        {
            throw new ArgumentException($"Column '{schema.Name}' is not nullable but has {nullCount} nulls.", nameof(schema));
        }
    }

    /// <summary>Whether the column is stored as codes into <see cref="Dictionary"/>.</summary>
    public bool IsDictionaryEncoded => _codes is not null;

    /// <summary>The distinct values of a dictionary-encoded column (in first-appearance order); empty otherwise.</summary>
    public IReadOnlyList<string> Dictionary => _dictionary ?? [];

    /// <summary>The codes of a dictionary-encoded column (-1 for null); empty otherwise.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <inheritdoc />
    public override int NullCount => _nullCount;

    /// <summary>The value at <paramref name="row"/>, or <see langword="null"/>.</summary>
    /// <param name="row">The 0-based row.</param>
    public string? this[int row] => _codes is not null ? (_codes[row] < 0 ? null : _dictionary![_codes[row]]) : _values![row];

    /// <inheritdoc />
    public override bool IsNull(int row) => this[row] is null;

    /// <inheritdoc />
    public override object? GetValue(int row) => this[row];

    internal static StringColumn Create(ColumnSchema schema, string?[] values)
    {
        if (schema.Type != ColumnType.String)
        {
            throw new ArgumentException($"Column '{schema.Name}' is declared {schema.Type}, not String.", nameof(schema));
        }

        var nulls = 0;
        if (!schema.DictionaryEncoded)
        {
            foreach (var v in values)
            {
                if (v is null)
                {
                    nulls++;
                }
            }

            return new StringColumn(schema, values, null, null, values.Length, nulls);
        }

        var codes = new int[values.Length];
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        var dictionary = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v is null)
            {
                codes[i] = -1;
                nulls++;
                continue;
            }

            if (!lookup.TryGetValue(v, out var code))
            {
                code = dictionary.Count;
                lookup.Add(v, code);
                dictionary.Add(v);
            }

            codes[i] = code;
        }

        return new StringColumn(schema, null, codes, dictionary.ToArray(), values.Length, nulls);
    }

    /// <summary>Copies the values out as a plain array.</summary>
    /// <returns>The values.</returns>
    public string?[] ToArray()
    {
        var result = new string?[Length];
        for (var i = 0; i < Length; i++)
        {
            result[i] = this[i];
        }

        return result;
    }

    /// <inheritdoc />
    public override Column Take(ReadOnlySpan<int> rows)
    {
        var values = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            values[i] = this[rows[i]];
        }

        return Create(Schema, values);
    }

    /// <inheritdoc />
    public override Column WithSchema(ColumnSchema schema) =>
        IsDictionaryEncoded == schema.DictionaryEncoded
            ? new StringColumn(schema, _values, _codes, _dictionary, Length, _nullCount)
            : Create(schema, ToArray());

    internal override void AppendCanonical(int row, IncrementalHashWriter writer)
    {
        var v = this[row];
        if (v is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(v);
        }
    }
}
