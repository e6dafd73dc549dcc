using System.Runtime.CompilerServices;

namespace LeadForge.Tables;

/// <summary>
/// The id numbers of an entity-id column being filled (0 for null), four bytes a row when the
/// largest possible number fits in an <see cref="int"/>, else eight: the width is chosen before any
/// row is written, so no wide array is held for a narrow column.
/// </summary>
public sealed class IdBuffer
{
    private readonly int[]? _narrow;
    private readonly long[]? _wide;

    /// <summary>A buffer for <paramref name="rows"/> numbers, none above <paramref name="maxNumber"/>.</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="maxNumber">The largest id number any row will hold.</param>
    public IdBuffer(int rows, long maxNumber)
    {
        if (maxNumber <= int.MaxValue)
        {
            _narrow = new int[rows];
        }
        else
        {
            _wide = new long[rows];
        }
    }

    /// <summary>An empty buffer (for a column not rendered).</summary>
    /// <value>A buffer of no rows.</value>
    public static IdBuffer Empty { get; } = new(0, 0);

    /// <summary>Whether the numbers take four bytes each.</summary>
    /// <value><see langword="true"/> when the largest number fits in an <see cref="int"/>.</value>
    public bool IsNarrow => _narrow is not null;

    /// <summary>Sets the id number of a row (0 for null).</summary>
    /// <param name="row">The row.</param>
    /// <param name="number">The id number, at most the buffer's largest number.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, long number)
    {
        if (_narrow is { } narrow)
        {
            narrow[row] = (int)number;
        }
        else
        {
            _wide![row] = number;
        }
    }

    /// <summary>The column of these ids (taking the array without copying).</summary>
    /// <param name="schema">The column's schema.</param>
    /// <param name="prefix">The entity-id prefix (<c>prefix_000042</c>).</param>
    /// <returns>The column.</returns>
    public StringColumn ToColumn(ColumnSchema schema, string prefix) =>
        _narrow is not null ? Column.FromEntityIds(schema, prefix, _narrow) : Column.FromEntityIds(schema, prefix, _wide!);
}
