using System.Runtime.CompilerServices;

namespace LeadForge.Tables;

/// <summary>A categorical string column, filled with codes into its <see cref="Categories"/> (-1 for null).</summary>
public sealed class CodeSlot : ColumnSlot
{
    private readonly CodeSlot? _copyOf;
    private CodeBuffer? _codes;

    internal CodeSlot(ColumnSchema schema, Exposure exposure, bool included, Categories categories, CodeSlot? copyOf)
        : base(schema, exposure, null, included)
    {
        Categories = categories;
        _copyOf = copyOf;
    }

    /// <summary>The categories the codes index.</summary>
    /// <value>Set when the slot is declared.</value>
    public Categories Categories { get; }

    /// <summary>Whether the column repeats another column's cells (it is not filled itself).</summary>
    /// <value><see langword="true"/> when declared as a copy.</value>
    public bool IsCopy => _copyOf is not null;

    /// <summary>Sets the code of a row.</summary>
    /// <param name="row">The row.</param>
    /// <param name="code">An index into <see cref="Categories"/>, or -1 for null.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, int code) => (_codes ?? throw NotAllocated()).Set(row, code);

    /// <summary>The code of a row (-1 for null).</summary>
    /// <param name="row">The row.</param>
    /// <returns>The code.</returns>
    public int CodeAt(int row) => (_codes ?? throw NotAllocated())[row];

    /// <inheritdoc />
    internal override void Allocate(int rows) => _codes = _copyOf is null ? new CodeBuffer(rows, Categories) : null;

    /// <inheritdoc />
    internal override void Prepare()
    {
        if (_copyOf is not null)
        {
            _codes = (_copyOf._codes ?? throw _copyOf.NotAllocated()).Clone();
        }
    }

    /// <inheritdoc />
    internal override Column Build()
    {
        var codes = _codes ?? throw NotAllocated();
        _codes = null;
        return codes.ToColumn(Schema, Categories);
    }
}
