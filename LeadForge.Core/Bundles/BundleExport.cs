using LeadForge.Tables;

namespace LeadForge;

/// <summary>
/// A named export of a world (e.g. an entity-resolution benchmark): tables and JSON documents
/// written under <c>exports/&lt;name&gt;/</c> with a section of their own in the manifest, so a new
/// export needs no change to the bundle layout.
/// </summary>
/// <param name="Name">The export name: one safe path segment, e.g. <c>entity_resolution</c>.</param>
/// <param name="Description">What the export is for.</param>
/// <param name="Tables">The export's tables, written as <c>exports/&lt;name&gt;/&lt;table&gt;.parquet</c>.</param>
/// <param name="Documents">The export's JSON documents, written as <c>exports/&lt;name&gt;/&lt;file&gt;</c>.</param>
public sealed record BundleExport(string Name, string Description, IReadOnlyList<Table> Tables, IReadOnlyList<MetadataDocument> Documents);
