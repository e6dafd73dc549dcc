namespace LeadForge.Configuration;

/// <summary>
/// The recipe settings of one task a scheme declares (an entry of the scheme's <c>tasks</c>
/// section): every task has its own split; a kind of task adds its own anchor and windows (see
/// <see cref="SnapshotTaskSettings"/>).
/// </summary>
public abstract class TaskSettings
{
    /// <summary>How the task's rows are split.</summary>
    /// <value>Grouped-stratified 0.7 / 0.15 / 0.15 by default.</value>
    public SplitSettings Split { get; init; } = new();
}
