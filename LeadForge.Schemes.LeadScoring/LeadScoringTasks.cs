using LeadForge.Configuration;
using LeadForge.Schemes.LeadScoring.Rendering;

namespace LeadForge.Schemes.LeadScoring;

/// <summary>The tasks the lead-scoring scheme declares; their windows and splits are the recipe's <c>tasks</c> section.</summary>
internal static class LeadScoringTasks
{
    /// <summary>Whether a lead is won within the label window, from what the CRM knew at its snapshot day.</summary>
    public static readonly TaskDefinition ConvertedWithin90Days = new(
        TaskRenderer.TaskId,
        "binary_classification",
        "leads",
        "lead_id",
        AnchorPolicy.CreationOffset,
        "Whether a lead reaches closed_won within the label window, from the CRM as of its snapshot day.");

    /// <summary>Every declared task; the first is the primary task.</summary>
    public static readonly IReadOnlyList<TaskDefinition> All = [ConvertedWithin90Days];

    /// <summary>The task manifest of <see cref="ConvertedWithin90Days"/> for the given task settings.</summary>
    /// <param name="task">The recipe's settings of the task.</param>
    /// <returns>The manifest.</returns>
    public static TaskManifest ConvertedWithin90DaysManifest(SnapshotTaskSettings task)
    {
        var d = ConvertedWithin90Days;
        var split = task.Split;
        return new TaskManifest
        {
            TaskId = d.Id,
            TaskType = d.TaskType,
            Description = $"Predict whether a lead reaches closed_won within {task.LabelWindowDays} days of its creation, from what the CRM knew {task.SnapshotDay} days after creation.",
            LabelColumn = TaskRenderer.Label,
            RowIdColumn = "row_id",
            AnchorColumn = "snapshot_at",
            AnchorRule = $"lead_created_at + {task.SnapshotDay} days; features use events strictly before the anchor",
            PrimaryTable = d.PrimaryTable,
            EntityKeyColumn = d.EntityKeyColumn,
            AnchorPolicy = d.AnchorPolicy,
            AnchorOffsetDays = task.SnapshotDay,
            LabelWindowDays = task.LabelWindowDays,
            SplitStrategy = split.Strategy,
            Fractions = split.Fractions,
            GroupColumn = split.Strategy == SplitStrategy.GroupedStratified ? "account_id" : null,
            StratifyColumn = split.Strategy == SplitStrategy.GroupedStratified ? TaskRenderer.Label : null,
            TimeColumn = split.Strategy == SplitStrategy.Temporal ? "lead_created_at" : null,
            LeakagePolicy = "Every feature is computed from events before the anchor, except the documented trap total_touches_all (full-horizon touches). "
                + "The label is derived from simulated closed_won events, never sampled.",
            DocumentedTraps = [TaskRenderer.Trap],
        };
    }
}
