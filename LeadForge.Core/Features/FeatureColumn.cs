using LeadForge.Tables;

namespace LeadForge.Features;

/// <summary>One declared column of a <see cref="FeatureTable"/>: its slot, its dictionary metadata and its distortion.</summary>
/// <param name="Slot">The column's slot (its schema, exposure and storage).</param>
/// <param name="Metadata">What the feature dictionary says about it.</param>
/// <param name="Distortion">How it is distorted; <see langword="null"/> for a column kept as computed.</param>
public sealed record FeatureColumn(ColumnSlot Slot, FeatureMetadata Metadata, Distortion? Distortion)
{
    /// <summary>The column's name.</summary>
    /// <value>The slot's name.</value>
    public string Name => Slot.Name;
}
