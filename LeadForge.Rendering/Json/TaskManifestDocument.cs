using System.Text.Json.Serialization;

namespace LeadForge.Rendering.Json;

/// <summary>
/// The wire form of a task's <c>task_manifest.json</c>: every <see cref="TaskManifest"/> field in
/// snake_case (optional columns written as <c>null</c>) plus, for a whole world, the split row counts.
/// </summary>
internal sealed record TaskManifestDocument
{
    public required string TaskId { get; init; }

    public required string TaskType { get; init; }

    public required string Description { get; init; }

    public required string LabelColumn { get; init; }

    public required string RowIdColumn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EntityKeyColumn { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? PairKeyColumns { get; init; }

    public required string AnchorColumn { get; init; }

    public required string AnchorRule { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AnchorPolicy? AnchorPolicy { get; init; }

    public required string PrimaryTable { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LabelWindowDays { get; init; }

    public required SplitStrategy SplitStrategy { get; init; }

    public required SplitFractions Fractions { get; init; }

    public string? GroupColumn { get; init; }

    public string? StratifyColumn { get; init; }

    public string? TimeColumn { get; init; }

    public required string LeakagePolicy { get; init; }

    public IReadOnlyList<string> DocumentedTraps { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SplitRowCounts? RowCounts { get; init; }

    public static TaskManifestDocument From(TaskDataset task, bool includeRowCounts)
    {
        var m = task.Manifest;
        return new TaskManifestDocument
        {
            TaskId = m.TaskId,
            TaskType = m.TaskType,
            Description = m.Description,
            LabelColumn = m.LabelColumn,
            RowIdColumn = m.RowIdColumn,
            EntityKeyColumn = m.EntityKeyColumn,
            PairKeyColumns = m.PairKeyColumns,
            AnchorColumn = m.AnchorColumn,
            AnchorRule = m.AnchorRule,
            AnchorPolicy = m.AnchorPolicy,
            PrimaryTable = m.PrimaryTable,
            LabelWindowDays = m.LabelWindowDays,
            SplitStrategy = m.SplitStrategy,
            Fractions = m.Fractions,
            GroupColumn = m.GroupColumn,
            StratifyColumn = m.StratifyColumn,
            TimeColumn = m.TimeColumn,
            LeakagePolicy = m.LeakagePolicy,
            DocumentedTraps = m.DocumentedTraps,
            RowCounts = includeRowCounts ? new SplitRowCounts(task.Train.RowCount, task.Valid.RowCount, task.Test.RowCount) : null,
        };
    }

    public TaskManifest ToManifest() => new()
    {
        TaskId = TaskId,
        TaskType = TaskType,
        Description = Description,
        LabelColumn = LabelColumn,
        RowIdColumn = RowIdColumn,
        EntityKeyColumn = EntityKeyColumn,
        PairKeyColumns = PairKeyColumns,
        AnchorColumn = AnchorColumn,
        AnchorRule = AnchorRule,
        AnchorPolicy = AnchorPolicy,
        PrimaryTable = PrimaryTable,
        LabelWindowDays = LabelWindowDays,
        SplitStrategy = SplitStrategy,
        Fractions = Fractions,
        GroupColumn = GroupColumn,
        StratifyColumn = StratifyColumn,
        TimeColumn = TimeColumn,
        LeakagePolicy = LeakagePolicy,
        DocumentedTraps = DocumentedTraps,
    };
}

/// <summary>The rows of each split of a task.</summary>
/// <param name="Train">Rows in the train split.</param>
/// <param name="Valid">Rows in the validation split.</param>
/// <param name="Test">Rows in the test split.</param>
internal sealed record SplitRowCounts(long Train, long Valid, long Test);
