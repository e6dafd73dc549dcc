using System.Runtime.CompilerServices;
using LeadForge.Features;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>
/// The <c>converted_within_90_days</c> task table, one instance per split: every feature is declared
/// once, in its group's file (name, type, description, dictionary metadata, distortion and the code
/// that computes it); the groups' declaration order is the column order and the order of the
/// distortion draws.
/// </summary>
internal sealed class TaskTable : FeatureTable
{
    /// <summary>The window of the as-of-anchor features.</summary>
    public const string BeforeAnchor = "[lead_created_at, snapshot_at)";

    private readonly TaskFeatureGroup[] _groups;

    /// <summary>Declares the task's columns for one split.</summary>
    /// <param name="shape">The column domains (categories, ranges).</param>
    public TaskTable(TaskShape shape)
        : base(TaskRenderer.TaskId, "One row per lead, anchored at lead_created_at + snapshot_day.")
    {
        _groups =
        [
            new IdentityFeatures(this, shape),
            new AccountFeatures(this, shape),
            new ContactFeatures(this, shape),
            new LeadFeatures(this, shape),
            new FunnelFeatures(this, shape),
            new EngagementFeatures(this, shape),
            new SalesFeatures(this, shape),
            new TrapAndLabelFeatures(this),
        ];
    }

    /// <summary>The declarations alone (no world): the task's schema and features, for the feature dictionary.</summary>
    public static TaskTable Declaration { get; } = new(TaskShape.SchemaOnly);

    /// <summary>Computes one row's features into row <paramref name="j"/> (before <see cref="FeatureTable.Distort"/>).</summary>
    /// <param name="row">What the row is computed from.</param>
    /// <param name="j">The row of this split.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(in TaskRow row, int j)
    {
        foreach (var group in _groups)
        {
            group.Fill(row, j);
        }
    }

    /// <summary>Metadata of a feature that does not change over time.</summary>
    public static FeatureMetadata Static(string category, string source) => new(category, source, "static");

    /// <summary>Metadata of a feature computed from the events before the anchor.</summary>
    public static FeatureMetadata AsOfAnchor(string category, string source) => new(category, source, BeforeAnchor);

    /// <summary>Declares the primary key, an entity id.</summary>
    public IdSlot DeclareKey(string name, string description, FeatureMetadata about, string prefix, long maxNumber) =>
        Feature(Key(name, description, prefix, maxNumber), about);

    /// <summary>Declares an entity-id column.</summary>
    public IdSlot DeclareId(string name, string description, FeatureMetadata about, string prefix, long maxNumber) =>
        Feature(Id(name, description, prefix, maxNumber), about);

    /// <summary>Declares a categorical column.</summary>
    public CodeSlot DeclareCode(string name, string description, FeatureMetadata about, Categories categories) =>
        Feature(Code(name, description, categories), about);

    /// <summary>Declares a non-null value column kept as computed.</summary>
    public ValueSlot<T> DeclareValue<T>(string name, string description, FeatureMetadata about)
        where T : struct => Feature(Value<T>(name, description), about);

    /// <summary>Declares a distorted integer column (nullable: the distortion may drop a cell).</summary>
    public ValueSlot<int> DeclareDistortedInt(string name, string description, FeatureMetadata about, Distortion distortion) =>
        Feature(Value<int>(name, description, nullable: true), about, distortion);

    /// <summary>Declares a distorted double column (nullable: the distortion may drop a cell, and some rows have no value).</summary>
    public ValueSlot<double> DeclareDistortedDouble(string name, string description, FeatureMetadata about, Distortion distortion) =>
        Feature(Value<double>(name, description, nullable: true), about, distortion);
}
