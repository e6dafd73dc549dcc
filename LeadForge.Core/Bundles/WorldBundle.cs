using LeadForge.Configuration;
using LeadForge.Schemes;
using LeadForge.Tables;

namespace LeadForge;

/// <summary>
/// The in-memory result of a generation run: relational tables, ML task splits, the dataset card,
/// the feature dictionary and — only in <see cref="ExposureMode.ResearchInstructor"/> mode — the
/// hidden truth. Save it with <c>SaveAsync</c> from LeadForge.Rendering, or stream any table.
/// </summary>
/// <threadsafety>Immutable; safe to read from many threads.</threadsafety>
public sealed class WorldBundle
{
    /// <summary>Creates a bundle. Schemes call this from their render stage.</summary>
    /// <param name="descriptor">What was generated.</param>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="tables">The relational tables, in publication order.</param>
    /// <param name="tasks">The ML tasks.</param>
    /// <param name="datasetCard">The dataset card (Markdown).</param>
    /// <param name="featureDictionary">One entry per published task feature.</param>
    /// <param name="truth">The hidden truth; must be <see langword="null"/> in student_public mode.</param>
    /// <param name="exports">Named exports written under <c>exports/&lt;name&gt;/</c>. <value>Default: none.</value></param>
    public WorldBundle(
        BundleDescriptor descriptor,
        GenerationConfig config,
        IReadOnlyList<Table> tables,
        IReadOnlyList<TaskDataset> tasks,
        string datasetCard,
        IReadOnlyList<FeatureInfo> featureDictionary,
        HiddenTruth? truth,
        IReadOnlyList<BundleExport>? exports = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(config);
        if (truth is not null && descriptor.ExposureMode == ExposureMode.StudentPublic)
        {
            throw new ArgumentException("A student_public bundle must not carry the hidden truth.", nameof(truth));
        }

        Descriptor = descriptor;
        Config = config;
        Tables = new NamedCollection<Table>(tables, t => t.Name, "table");
        Tasks = new NamedCollection<TaskDataset>(tasks, t => t.Id, "task");
        DatasetCard = datasetCard ?? string.Empty;
        FeatureDictionary = featureDictionary.ToArray();
        Truth = truth;
        Exports = new NamedCollection<BundleExport>(exports ?? [], e => e.Name, "export");
    }

    /// <summary>What was generated: scheme, recipe, seed, mode, tier, population, shard.</summary>
    public BundleDescriptor Descriptor { get; }

    /// <summary>The fully resolved configuration (regenerating from it reproduces the bundle).</summary>
    public GenerationConfig Config { get; }

    /// <summary>The relational tables by name, in publication order.</summary>
    public NamedCollection<Table> Tables { get; }

    /// <summary>The ML tasks by id.</summary>
    public NamedCollection<TaskDataset> Tasks { get; }

    /// <summary>The dataset card (Markdown), filtered by exposure mode.</summary>
    public string DatasetCard { get; }

    /// <summary>The feature dictionary: one entry per published task column.</summary>
    public IReadOnlyList<FeatureInfo> FeatureDictionary { get; }

    /// <summary>The hidden truth; <see langword="null"/> unless the mode is <see cref="ExposureMode.ResearchInstructor"/>.</summary>
    public HiddenTruth? Truth { get; }

    /// <summary>The named exports by name (an open list: each is written under <c>exports/&lt;name&gt;/</c>).</summary>
    public NamedCollection<BundleExport> Exports { get; }

    /// <summary>A copy of this bundle carrying one more export.</summary>
    /// <param name="export">The export.</param>
    /// <returns>The new bundle.</returns>
    /// <exception cref="ArgumentException">An export of that name is already present.</exception>
    public WorldBundle WithExport(BundleExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return new WorldBundle(Descriptor, Config, Tables, Tasks, DatasetCard, FeatureDictionary, Truth, [.. Exports, export]);
    }
}

/// <summary>What a bundle is: the facts the manifest records besides file inventory.</summary>
/// <param name="Scheme">The scheme name, e.g. <c>lead_scoring</c>.</param>
/// <param name="RecipeId">The recipe id.</param>
/// <param name="Seed">The root seed.</param>
/// <param name="ExposureMode">The exposure mode.</param>
/// <param name="Difficulty">The difficulty tier.</param>
/// <param name="Population">The population generated (whole world, even for a shard).</param>
/// <param name="ConfigHash">SHA-256 of the canonical resolved config.</param>
/// <param name="PackageVersion">The LeadForge version that generated the bundle.</param>
/// <param name="Shard">The shard, or <see langword="null"/> for a whole-world run.</param>
public sealed record BundleDescriptor(
    string Scheme,
    string RecipeId,
    long Seed,
    ExposureMode ExposureMode,
    Difficulty Difficulty,
    IReadOnlyDictionary<string, int> Population,
    string ConfigHash,
    string PackageVersion,
    ShardSpec? Shard)
{
    /// <summary>Value equality, the population compared entity by entity in order.</summary>
    /// <param name="other">The other descriptor.</param>
    /// <returns>Whether every field is equal.</returns>
    public bool Equals(BundleDescriptor? other) =>
        other is not null
        && Scheme == other.Scheme && RecipeId == other.RecipeId && Seed == other.Seed
        && ExposureMode == other.ExposureMode && Difficulty == other.Difficulty
        && Population.SequenceEqual(other.Population)
        && ConfigHash == other.ConfigHash && PackageVersion == other.PackageVersion && Equals(Shard, other.Shard);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Scheme, RecipeId, Seed, ConfigHash, Shard);
}

/// <summary>A read-only collection of named items that keeps insertion order.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class NamedCollection<T> : IReadOnlyList<T>
{
    private readonly T[] _items;
    private readonly Dictionary<string, T> _byName;
    private readonly string _kind;

    internal NamedCollection(IReadOnlyList<T> items, Func<T, string> name, string kind)
    {
        _items = items.ToArray();
        _kind = kind;
        _byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in _items)
        {
            if (!_byName.TryAdd(name(item), item))
            {
                throw new ArgumentException($"Duplicate {kind} '{name(item)}'.", nameof(items));
            }
        }

        Names = _items.Select(name).ToArray();
    }

    /// <summary>The names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>The item with the given name.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="KeyNotFoundException">No such item; the message lists the names present.</exception>
    public T this[string name] => _byName.TryGetValue(name, out var item)
        ? item
        : throw new KeyNotFoundException($"No {_kind} named '{name}'. Present: {string.Join(", ", Names)}.");

    /// <summary>Whether an item with the given name exists.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> if present.</returns>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks up an item by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="item">The item, when found.</param>
    /// <returns><see langword="true"/> if found.</returns>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T item) => _byName.TryGetValue(name, out item);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
