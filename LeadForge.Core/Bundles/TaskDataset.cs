using System.Text.Json.Serialization;
using LeadForge.Tables;

namespace LeadForge;

/// <summary>An ML task: its manifest and its train/valid/test splits.</summary>
/// <param name="Manifest">How the task was built.</param>
/// <param name="Train">The training split.</param>
/// <param name="Valid">The validation split.</param>
/// <param name="Test">The test split.</param>
public sealed record TaskDataset(TaskManifest Manifest, Table Train, Table Valid, Table Test)
{
    /// <summary>The task id, e.g. <c>converted_within_90_days</c>.</summary>
    public string Id => Manifest.TaskId;

    /// <summary>The splits in order train, valid, test with their names.</summary>
    public IEnumerable<(string Name, Table Table)> Splits => [("train", Train), ("valid", Valid), ("test", Test)];
}

/// <summary>How task rows are divided between train, valid and test.</summary>
public enum SplitStrategy
{
    /// <summary>Uniformly shuffled rows. Written as <c>random</c>.</summary>
    Random,

    /// <summary>Whole groups (e.g. accounts) assigned to one split, stratified on the label. Written as <c>grouped_stratified</c>.</summary>
    GroupedStratified,

    /// <summary>Ordered by the entity's creation time: earliest rows train, latest test. Written as <c>temporal</c>.</summary>
    Temporal,
}

/// <summary>How a task row's anchor (the time its features are computed at) is chosen.</summary>
public enum AnchorPolicy
{
    /// <summary>A fixed number of days after the entity's creation. Written as <c>creation_offset</c>.</summary>
    CreationOffset,

    /// <summary>One calendar date for every row. Written as <c>fixed_date</c>.</summary>
    FixedDate,

    /// <summary>The time of an event of the entity (e.g. each renewal). Written as <c>event_time</c>.</summary>
    EventTime,

    /// <summary>No anchor: the rows are not time-dependent (e.g. record pairs). Written as <c>none</c>.</summary>
    None,
}

/// <summary>The fractions of rows in each split.</summary>
/// <param name="Train">Train share.</param>
/// <param name="Valid">Validation share.</param>
/// <param name="Test">Test share.</param>
public sealed record SplitFractions(double Train, double Valid, double Test);

/// <summary>What a task is and how it was built; written as <c>task_manifest.json</c>.</summary>
public sealed record TaskManifest
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The task type, e.g. <c>binary_classification</c> or, for a task whose rows are entity pairs, <c>pair_classification</c>.</summary>
    public required string TaskType { get; init; }

    /// <summary>A description of the prediction problem.</summary>
    public required string Description { get; init; }

    /// <summary>The label column.</summary>
    public required string LabelColumn { get; init; }

    /// <summary>The row-id column.</summary>
    public required string RowIdColumn { get; init; }

    /// <summary>The column naming the entity a row describes (e.g. <c>customer_id</c>), when it is not the row id.</summary>
    /// <value>Default <see langword="null"/> (the primary table's key, when the task carries it).</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EntityKeyColumn { get; init; }

    /// <summary>
    /// For a pair task (each row is a pair of entities, e.g. two records that may be the same person):
    /// the columns holding the pair's entity keys, in order.
    /// </summary>
    /// <value>Default <see langword="null"/> (one entity per row).</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? PairKeyColumns { get; init; }

    /// <summary>The column holding each row's anchor (snapshot) timestamp.</summary>
    public required string AnchorColumn { get; init; }

    /// <summary>How the anchor is defined, e.g. <c>lead_created_at + 30 days</c>.</summary>
    public required string AnchorRule { get; init; }

    /// <summary>The kind of anchor, in machine-readable form.</summary>
    /// <value>Default <see langword="null"/> (described only by <see cref="AnchorRule"/>).</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AnchorPolicy? AnchorPolicy { get; init; }

    /// <summary>For a <see cref="LeadForge.AnchorPolicy.CreationOffset"/> anchor: the days after the entity's creation (the snapshot day).</summary>
    /// <value>Default <see langword="null"/> (another anchor policy).</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? AnchorOffsetDays { get; init; }

    /// <summary>The entity table one row describes, e.g. <c>leads</c>.</summary>
    public required string PrimaryTable { get; init; }

    /// <summary>Days after the entity's creation within which the label event must occur, for a windowed label.</summary>
    /// <value>Default <see langword="null"/> (the label has no window, e.g. a pair's match label).</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LabelWindowDays { get; init; }

    /// <summary>The split strategy.</summary>
    public required SplitStrategy SplitStrategy { get; init; }

    /// <summary>The split fractions.</summary>
    public required SplitFractions Fractions { get; init; }

    /// <summary>The column whose groups never straddle splits, if any.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>The column the split is stratified on, if any.</summary>
    public string? StratifyColumn { get; init; }

    /// <summary>The column that orders a temporal split, if any.</summary>
    public string? TimeColumn { get; init; }

    /// <summary>The leakage policy in words.</summary>
    public required string LeakagePolicy { get; init; }

    /// <summary>Columns deliberately left as documented leakage traps.</summary>
    public IReadOnlyList<string> DocumentedTraps { get; init; } = [];

    /// <summary>The rows of each split as saved (a saved whole world's <c>task_manifest.json</c> records them).</summary>
    /// <value>Default <see langword="null"/> (not recorded: an in-memory task, or a shard's part).</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SplitRowCounts? RowCounts { get; init; }
}

/// <summary>The rows of each split of a task.</summary>
/// <param name="Train">Rows in the train split.</param>
/// <param name="Valid">Rows in the validation split.</param>
/// <param name="Test">Rows in the test split.</param>
public sealed record SplitRowCounts(long Train, long Valid, long Test);

/// <summary>One row of the feature dictionary.</summary>
public sealed record FeatureInfo
{
    /// <summary>The column name.</summary>
    public required string Name { get; init; }

    /// <summary>The logical type.</summary>
    public required ColumnType Type { get; init; }

    /// <summary>What the feature measures.</summary>
    public required string Description { get; init; }

    /// <summary>The feature's group, e.g. <c>account</c>, <c>engagement</c>, <c>target</c>.</summary>
    public required string Category { get; init; }

    /// <summary>The table(s) it is computed from.</summary>
    public required string SourceTable { get; init; }

    /// <summary>The time window, e.g. <c>[created, anchor]</c>.</summary>
    public required string Window { get; init; }

    /// <summary>Whether the column is (or may be) a leak; documented traps are flagged here.</summary>
    public bool LeakageRisk { get; init; }

    /// <summary>Whether the column is the label.</summary>
    public bool IsTarget { get; init; }

    /// <summary>The exposure modes in which the column is published.</summary>
    public required IReadOnlyList<ExposureMode> Modes { get; init; }

    /// <summary>The share of null cells over all splits.</summary>
    public double NullShare { get; init; }
}
