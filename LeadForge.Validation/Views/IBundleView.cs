using LeadForge.Rendering;
using LeadForge.Tables;

namespace LeadForge.Validation.Views;

/// <summary>
/// What the checks read from a bundle, independent of where it lives. An in-memory
/// <see cref="WorldBundle"/> and a saved bundle folder (read back through the rendering reader)
/// are both adapted to this view, so every check runs on either.
/// </summary>
internal interface IBundleView
{
    /// <summary>A description of the bundle for report headings (recipe, seed, mode, or the folder path).</summary>
    string Subject { get; }

    /// <summary>The manifest facts: scheme, recipe, seed, mode, tier, population, config hash.</summary>
    BundleDescriptor Descriptor { get; }

    /// <summary>The first day of the world calendar.</summary>
    DateOnly CalendarStart { get; }

    /// <summary>The simulated horizon per entity in days.</summary>
    int HorizonDays { get; }

    /// <summary>The config hash recomputed from the resolved config, when the config is available.</summary>
    string? RecomputedConfigHash { get; }

    /// <summary>
    /// Where a saved manifest's own fields (seed, mode, tier, population, scheme, recipe, calendar)
    /// disagree with its resolved config, which the config hash covers; empty when they agree or for
    /// an in-memory bundle (whose descriptor comes from the config itself).
    /// </summary>
    IReadOnlyList<string> ManifestFieldMismatches { get; }

    /// <summary>The relational tables by name.</summary>
    IReadOnlyDictionary<string, Table> Tables { get; }

    /// <summary>The ML tasks with their splits.</summary>
    IReadOnlyList<TaskDataset> Tasks { get; }

    /// <summary>
    /// The exposure policy of each table by name: for a saved bundle as its manifest records it, for an
    /// in-memory bundle as the table schemas declare it. A table without an entry is public.
    /// </summary>
    IReadOnlyDictionary<string, ManifestExposure> TableExposures { get; }

    /// <summary>The feature dictionary.</summary>
    IReadOnlyList<FeatureInfo> FeatureDictionary { get; }

    /// <summary>Whether hidden truth (metadata) is present.</summary>
    bool HasTruth { get; }

    /// <summary>
    /// File-level integrity facts of a saved bundle (expected vs actual rows and SHA-256 from the
    /// manifest inventory); empty for an in-memory bundle.
    /// </summary>
    IReadOnlyList<FileIntegrity> Files { get; }
}

/// <summary>One inventoried file of a saved bundle, as the manifest declares it and as found on disk.</summary>
/// <param name="RelativePath">The path inside the bundle, e.g. <c>tables/leads.parquet</c>.</param>
/// <param name="Exists">Whether the file exists.</param>
/// <param name="ExpectedRows">Rows per the manifest, if declared.</param>
/// <param name="ActualRows">Rows found, if readable.</param>
/// <param name="ExpectedSha256">SHA-256 per the manifest.</param>
/// <param name="ActualSha256">SHA-256 of the file bytes, if it exists.</param>
/// <param name="Error">Why the file could not be used (unreadable, unparseable, columns unlike the manifest's, not inventoried), if so.</param>
internal sealed record FileIntegrity(string RelativePath, bool Exists, long? ExpectedRows, long? ActualRows, string? ExpectedSha256, string? ActualSha256, string? Error = null);

/// <summary>A view assembled from parts: used for in-memory bundles and by the saved-folder adapter.</summary>
internal sealed class BundleView : IBundleView
{
    public required string Subject { get; init; }

    public required BundleDescriptor Descriptor { get; init; }

    public required DateOnly CalendarStart { get; init; }

    public required int HorizonDays { get; init; }

    public string? RecomputedConfigHash { get; init; }

    public IReadOnlyList<string> ManifestFieldMismatches { get; init; } = [];

    public required IReadOnlyDictionary<string, Table> Tables { get; init; }

    public required IReadOnlyList<TaskDataset> Tasks { get; init; }

    public required IReadOnlyDictionary<string, ManifestExposure> TableExposures { get; init; }

    public required IReadOnlyList<FeatureInfo> FeatureDictionary { get; init; }

    public required bool HasTruth { get; init; }

    public IReadOnlyList<FileIntegrity> Files { get; init; } = [];

    /// <summary>Adapts an in-memory bundle.</summary>
    public static BundleView FromBundle(WorldBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var d = bundle.Descriptor;
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var t in bundle.Tables)
        {
            tables.Add(t.Name, t);
        }

        return new BundleView
        {
            Subject = $"{d.RecipeId} seed {d.Seed} ({d.ExposureMode.ToWire()}, {d.Difficulty.ToWire()}, in memory)",
            Descriptor = d,
            CalendarStart = bundle.Config.Recipe.StartDate,
            HorizonDays = bundle.Config.Recipe.HorizonDays,
            RecomputedConfigHash = bundle.Config.ComputeHash(),
            Tables = tables,
            Tasks = bundle.Tasks.ToArray(),
            TableExposures = bundle.Tables.ToDictionary(t => t.Name, t => ManifestExposure.Of(t.Schema), StringComparer.Ordinal),
            FeatureDictionary = bundle.FeatureDictionary,
            HasTruth = bundle.Truth is not null,
        };
    }
}
