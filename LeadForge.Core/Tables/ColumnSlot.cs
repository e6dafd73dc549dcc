namespace LeadForge.Tables;

/// <summary>
/// One column of a <see cref="TableDefinition"/>, declared once: its schema (name, type,
/// nullability, description), its exposure, the key it references, and the typed storage it is
/// filled into for one rendering. Slots are created by the definition's declaring methods; a slot
/// left out of the rendering's <see cref="ColumnScope"/> has no storage (check <see cref="IsIncluded"/>
/// before filling it).
/// </summary>
public abstract class ColumnSlot
{
    private protected ColumnSlot(ColumnSchema schema, Exposure exposure, ForeignKey? reference, bool included)
    {
        Schema = schema;
        Exposure = exposure;
        Reference = reference;
        IsIncluded = included;
    }

    /// <summary>The column's schema.</summary>
    /// <value>Set when the slot is declared.</value>
    public ColumnSchema Schema { get; }

    /// <summary>Who may see the column.</summary>
    /// <value><see cref="Exposure.Public"/> unless declared otherwise.</value>
    public Exposure Exposure { get; }

    /// <summary>The key this column references, if it is a foreign key.</summary>
    /// <value><see langword="null"/> unless declared with a reference.</value>
    public ForeignKey? Reference { get; }

    /// <summary>Whether this rendering holds the column (its exposure is within the definition's scope).</summary>
    /// <value><see langword="false"/> for an instructor-only column of a public rendering.</value>
    public bool IsIncluded { get; }

    /// <summary>The column's name.</summary>
    /// <value>The schema's name.</value>
    public string Name => Schema.Name;

    /// <summary>Allocates storage for this many rows.</summary>
    internal abstract void Allocate(int rows);

    /// <summary>Runs before any column is built, one slot at a time (e.g. a copy takes its source's cells).</summary>
    internal virtual void Prepare()
    {
    }

    /// <summary>Builds the column from the storage and lets the storage go.</summary>
    internal abstract Column Build();

    /// <summary>The error for a slot filled before <see cref="TableDefinition.Allocate"/> or after it was built.</summary>
    private protected InvalidOperationException NotAllocated() =>
        new($"Column '{Name}' has no storage: {(IsIncluded ? "allocate the table first (or it was built already)" : "it is not in this rendering's scope")}.");
}
