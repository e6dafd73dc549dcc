using System.Runtime.CompilerServices;

namespace LeadForge.Tables;

/// <summary>An entity-id column (<c>prefix_000042</c>), filled with id numbers (0 for null).</summary>
public sealed class IdSlot : ColumnSlot
{
    private IdBuffer? _numbers;

    internal IdSlot(ColumnSchema schema, Exposure exposure, ForeignKey? reference, bool included, string prefix, long maxNumber)
        : base(schema, exposure, reference, included)
    {
        Prefix = prefix;
        MaxNumber = maxNumber;
    }

    /// <summary>The entity-id prefix.</summary>
    /// <value>Set when the slot is declared.</value>
    public string Prefix { get; }

    /// <summary>The largest id number any row holds (it chooses four or eight bytes a row).</summary>
    /// <value>Set when the slot is declared.</value>
    public long MaxNumber { get; }

    /// <summary>Sets the id number of a row (0 for null).</summary>
    /// <param name="row">The row.</param>
    /// <param name="number">The id number, at most <see cref="MaxNumber"/>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, long number) => (_numbers ?? throw NotAllocated()).Set(row, number);

    /// <inheritdoc />
    internal override void Allocate(int rows) => _numbers = new IdBuffer(rows, MaxNumber);

    /// <inheritdoc />
    internal override Column Build()
    {
        var numbers = _numbers ?? throw NotAllocated();
        _numbers = null;
        return numbers.ToColumn(Schema, Prefix);
    }
}
