using LeadForge.Tables;
using LeadForge.WorldModel;

namespace LeadForge;

/// <summary>
/// The hidden truth of a world, present only in <see cref="ExposureMode.ResearchInstructor"/>
/// bundles: the world graph, per-entity latent values, true probabilities and oracle scores, and
/// descriptive documents (world spec, mechanism summary, provenance).
/// </summary>
/// <param name="Graph">The executed world graph.</param>
/// <param name="Tables">Truth tables (e.g. <c>latent_registry</c>, <c>oracle_scores</c>).</param>
/// <param name="Documents">JSON documents written under <c>metadata/</c>.</param>
/// <param name="OracleAuc">The ROC-AUC of the world's true probability on the primary task, if defined.</param>
public sealed record HiddenTruth(WorldGraph Graph, IReadOnlyList<Table> Tables, IReadOnlyList<MetadataDocument> Documents, double? OracleAuc);

/// <summary>A JSON document of the hidden truth.</summary>
/// <param name="FileName">The file name under <c>metadata/</c>, e.g. <c>mechanism_summary.json</c>.</param>
/// <param name="Json">The JSON text.</param>
public sealed record MetadataDocument(string FileName, string Json);
