using LeadForge.Schemes.LeadScoring.Simulation;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>What a table with rows per lead reads of one rendered lead: its index, its simulated history and its creation time.</summary>
/// <param name="Lead">The lead's index (its id number minus one).</param>
/// <param name="History">The lead's history.</param>
/// <param name="Created">When the lead was created (UTC).</param>
internal readonly record struct LeadEntity(int Lead, LeadHistory History, DateTime Created);
