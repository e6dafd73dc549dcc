using LeadForge.Schemes.LeadScoring.Simulation;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// A table with rows per lead, rendered by <see cref="RowsPerEntity"/>; it says which kinds of
/// history events it reads, so the renderer fills it before those events are released.
/// </summary>
internal interface ILeadTable : IEntityRows<LeadEntity>
{
    /// <summary>The kinds of history events this table reads.</summary>
    EventKinds Reads { get; }
}
