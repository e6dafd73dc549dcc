using System.Runtime.CompilerServices;

namespace LeadForge.Tables;

/// <summary>A value column (boolean, integer, double, timestamp or date), filled in place; nullable columns also keep null flags.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ValueSlot<T> : ColumnSlot
    where T : struct
{
    private T[]? _values;
    private bool[]? _nulls;

    internal ValueSlot(ColumnSchema schema, Exposure exposure, ForeignKey? reference, bool included)
        : base(schema, exposure, reference, included)
    {
    }

    /// <summary>The value of a row, to read or write in place.</summary>
    /// <param name="row">The row.</param>
    /// <returns>A reference to the row's value (ignored when the row is null).</returns>
    public ref T this[int row]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref (_values ?? throw NotAllocated())[row];
    }

    /// <summary>Sets the value of a row (and clears its null flag, if the column is nullable).</summary>
    /// <param name="row">The row.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, T value)
    {
        (_values ?? throw NotAllocated())[row] = value;
        if (_nulls is { } nulls)
        {
            nulls[row] = false;
        }
    }

    /// <summary>Sets the value of a row, or marks it null when <paramref name="value"/> has none.</summary>
    /// <param name="row">The row.</param>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <exception cref="InvalidOperationException">The value is null and the column is not nullable.</exception>
    public void Set(int row, T? value)
    {
        if (value is { } v)
        {
            Set(row, v);
        }
        else
        {
            SetNull(row);
        }
    }

    /// <summary>Marks a row null (its value becomes the default).</summary>
    /// <param name="row">The row.</param>
    /// <exception cref="InvalidOperationException">The column is not nullable.</exception>
    public void SetNull(int row)
    {
        var values = _values ?? throw NotAllocated();
        var nulls = _nulls ?? throw new InvalidOperationException($"Column '{Name}' is not nullable.");
        values[row] = default;
        nulls[row] = true;
    }

    /// <summary>Whether a row is null.</summary>
    /// <param name="row">The row.</param>
    /// <returns><see langword="true"/> when the row is marked null.</returns>
    public bool IsNull(int row) => _values is null ? throw NotAllocated() : _nulls is { } nulls && nulls[row];

    /// <inheritdoc />
    internal override void Allocate(int rows)
    {
        _values = new T[rows];
        _nulls = Schema.Nullable ? new bool[rows] : null;
    }

    /// <inheritdoc />
    internal override Column Build()
    {
        var values = _values ?? throw NotAllocated();
        var nulls = _nulls;
        _values = null;
        _nulls = null;
        return Column.FromValues(Schema, values, nulls);
    }
}
