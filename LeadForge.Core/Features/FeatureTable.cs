using System.Runtime.CompilerServices;
using LeadForge.Randomness;
using LeadForge.Tables;

namespace LeadForge.Features;

/// <summary>
/// A task table whose every column is a feature declared once: its slot (name, type, description),
/// its dictionary metadata (<see cref="FeatureMetadata"/>) and, for noisy numeric features, its
/// <see cref="Distortion"/>. The feature dictionary (<see cref="Dictionary"/>) and the distortion pass
/// (<see cref="Distort"/>) follow from the declarations, in declaration order.
/// </summary>
/// <example>
/// <code>
/// internal sealed class ChurnTask : FeatureTable
/// {
///     public ChurnTask() : base("churn", "One row per customer.")
///     {
///         CustomerId = Feature(Key("customer_id", "Customer id.", "cus", 1000), new("id", "customers", "static"));
///         Logins = Feature(Value&lt;int&gt;("logins", "Logins before the anchor.", nullable: true), new("usage", "logins", "[start, anchor)"), Distortion.NonNegative);
///     }
///
///     public IdSlot CustomerId { get; }
///
///     public ValueSlot&lt;int&gt; Logins { get; }
/// }
/// </code>
/// </example>
public abstract class FeatureTable : TableDefinition
{
    private readonly List<FeatureColumn> _features = [];
    private Distorted[]? _distorted;

    /// <summary>Starts a definition.</summary>
    /// <param name="name">The snake_case table name.</param>
    /// <param name="description">What one row is.</param>
    /// <param name="scope">Which columns this rendering holds.</param>
    protected FeatureTable(string name, string description, ColumnScope scope = ColumnScope.All)
        : base(name, description, scope)
    {
    }

    /// <summary>The declared features, in column order.</summary>
    /// <value>One entry per column declared with <c>Feature</c>.</value>
    public IReadOnlyList<FeatureColumn> Features => _features;

    /// <summary>
    /// Distorts one row's distorted features in declaration order, all from one stream (one per row,
    /// so the result does not depend on which rows a thread or shard holds). Call it after the row is
    /// filled.
    /// </summary>
    /// <param name="rng">The row's stream.</param>
    /// <param name="row">The row.</param>
    /// <param name="rates">The rendering's rates.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Distort(RandomStream rng, int row, in DistortionRates rates)
    {
        ArgumentNullException.ThrowIfNull(rng);
        foreach (var d in _distorted ??= [.. _features.Where(f => f.Distortion is not null && f.Slot.IsIncluded).Select(Distorted.Of)])
        {
            if (d.Ints is { } ints)
            {
                d.Distortion.Apply(rng, ints, row, rates);
            }
            else
            {
                d.Distortion.Apply(rng, d.Doubles!, row, rates);
            }
        }
    }

    /// <summary>
    /// The feature dictionary of rendered splits of this table: one entry per declared column, with the
    /// share of null cells over all the splits together. A column is published in both exposure modes,
    /// an instructor-only column in <see cref="ExposureMode.ResearchInstructor"/> only. The declarations
    /// alone make the dictionary, so a definition that was never allocated can describe the splits.
    /// </summary>
    /// <param name="splits">The rendered splits (tables of this definition's schema).</param>
    /// <returns>The dictionary, in column order.</returns>
    /// <exception cref="InvalidOperationException">A declared column was not declared as a feature.</exception>
    public IReadOnlyList<FeatureInfo> Dictionary(IReadOnlyList<Table> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var undescribed = Slots.Where(s => _features.All(f => f.Slot != s)).Select(s => s.Name).ToArray();
        if (undescribed.Length > 0)
        {
            throw new InvalidOperationException($"Table '{Name}': column(s) {string.Join(", ", undescribed)} have no feature metadata.");
        }

        var rows = splits.Sum(t => t.RowCount);
        return _features.Select(f => new FeatureInfo
        {
            Name = f.Name,
            Type = f.Slot.Schema.Type,
            Description = f.Slot.Schema.Description,
            Category = f.Metadata.Category,
            SourceTable = f.Metadata.SourceTable,
            Window = f.Metadata.Window,
            LeakageRisk = f.Metadata.LeakageRisk,
            IsTarget = f.Metadata.IsTarget,
            Modes = f.Slot.Exposure.IsInstructorOnly ? [ExposureMode.ResearchInstructor] : [ExposureMode.StudentPublic, ExposureMode.ResearchInstructor],
            NullShare = rows == 0 ? 0 : Math.Round((double)splits.Where(t => t.Schema.IndexOf(f.Name) >= 0).Sum(t => t[f.Name].NullCount) / rows, 6),
        }).ToArray();
    }

    /// <summary>Declares a column (from this table's declaring methods) as a feature kept as computed.</summary>
    /// <typeparam name="TSlot">The slot type.</typeparam>
    /// <param name="slot">The slot, just declared.</param>
    /// <param name="metadata">What the feature dictionary says about it.</param>
    /// <returns>The slot.</returns>
    protected TSlot Feature<TSlot>(TSlot slot, FeatureMetadata metadata)
        where TSlot : ColumnSlot => Add(slot, metadata, null);

    /// <summary>Declares a nullable integer column as a distorted feature.</summary>
    /// <param name="slot">The slot, just declared (nullable: the distortion may drop a cell).</param>
    /// <param name="metadata">What the feature dictionary says about it.</param>
    /// <param name="distortion">How it is distorted.</param>
    /// <returns>The slot.</returns>
    protected ValueSlot<int> Feature(ValueSlot<int> slot, FeatureMetadata metadata, Distortion distortion) =>
        Add(slot, metadata, distortion ?? throw new ArgumentNullException(nameof(distortion)));

    /// <summary>Declares a nullable double column as a distorted feature.</summary>
    /// <param name="slot">The slot, just declared (nullable: the distortion may drop a cell).</param>
    /// <param name="metadata">What the feature dictionary says about it.</param>
    /// <param name="distortion">How it is distorted.</param>
    /// <returns>The slot.</returns>
    protected ValueSlot<double> Feature(ValueSlot<double> slot, FeatureMetadata metadata, Distortion distortion) =>
        Add(slot, metadata, distortion ?? throw new ArgumentNullException(nameof(distortion)));

    private TSlot Add<TSlot>(TSlot slot, FeatureMetadata metadata, Distortion? distortion)
        where TSlot : ColumnSlot
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!Slots.Contains(slot))
        {
            throw new ArgumentException($"Table '{Name}': column '{slot.Name}' is not a column of this table.", nameof(slot));
        }

        if (_features.Any(f => f.Slot == slot))
        {
            throw new ArgumentException($"Table '{Name}': column '{slot.Name}' is declared as a feature twice.", nameof(slot));
        }

        if (distortion is not null && !slot.Schema.Nullable)
        {
            throw new ArgumentException($"Table '{Name}': distorted column '{slot.Name}' must be nullable (the distortion may drop a cell).", nameof(slot));
        }

        _features.Add(new FeatureColumn(slot, metadata, distortion));
        return slot;
    }

    /// <summary>A distorted column with its typed slot, so the per-row pass needs no type test.</summary>
    private readonly record struct Distorted(Distortion Distortion, ValueSlot<int>? Ints, ValueSlot<double>? Doubles)
    {
        public static Distorted Of(FeatureColumn f) => new(f.Distortion!, f.Slot as ValueSlot<int>, f.Slot as ValueSlot<double>);
    }
}
