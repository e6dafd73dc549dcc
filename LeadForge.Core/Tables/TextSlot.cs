namespace LeadForge.Tables;

/// <summary>A free-text string column (null for a null cell).</summary>
public sealed class TextSlot : ColumnSlot
{
    private string?[]? _values;

    internal TextSlot(ColumnSchema schema, Exposure exposure, bool included)
        : base(schema, exposure, null, included)
    {
    }

    /// <summary>Sets the text of a row.</summary>
    /// <param name="row">The row.</param>
    /// <param name="value">The text, or <see langword="null"/> (nullable columns only).</param>
    public void Set(int row, string? value) => (_values ?? throw NotAllocated())[row] = value;

    /// <inheritdoc />
    internal override void Allocate(int rows) => _values = new string?[rows];

    /// <inheritdoc />
    internal override Column Build()
    {
        var values = _values ?? throw NotAllocated();
        _values = null;
        return Column.FromStrings(Schema, values);
    }
}
