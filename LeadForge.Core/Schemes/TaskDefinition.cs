namespace LeadForge.Schemes;

/// <summary>
/// A task a scheme declares with its entities (<see cref="IGenerationScheme.Tasks"/>): what one row
/// is and how it is anchored. Its windows and split come from the recipe's settings for the task;
/// every bundle the scheme generates holds exactly its declared tasks, in declared order (the first
/// is the primary task), each with the declared type, table, entity key and anchor policy.
/// </summary>
/// <param name="Id">The task id, e.g. <c>converted_within_90_days</c>; also its folder under <c>tasks/</c>.</param>
/// <param name="TaskType">The task type, e.g. <c>binary_classification</c>.</param>
/// <param name="PrimaryTable">The entity table one row describes, e.g. <c>leads</c>.</param>
/// <param name="EntityKeyColumn">The column naming the entity a row describes, e.g. <c>lead_id</c>.</param>
/// <param name="AnchorPolicy">How a row's anchor is chosen.</param>
/// <param name="Summary">One sentence on the prediction problem.</param>
public sealed record TaskDefinition(string Id, string TaskType, string PrimaryTable, string EntityKeyColumn, AnchorPolicy AnchorPolicy, string Summary)
{
    /// <summary>Whether a rendered task's manifest is this declaration's (same id, type, table, entity key and anchor policy).</summary>
    /// <param name="manifest">The rendered task's manifest.</param>
    /// <returns><see langword="true"/> when they agree.</returns>
    public bool Describes(TaskManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.TaskId == Id && manifest.TaskType == TaskType && manifest.PrimaryTable == PrimaryTable
            && manifest.EntityKeyColumn == EntityKeyColumn && manifest.AnchorPolicy == AnchorPolicy;
    }
}
