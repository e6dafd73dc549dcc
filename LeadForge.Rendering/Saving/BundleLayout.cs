using System.Globalization;
using System.Text.RegularExpressions;
using LeadForge.Schemes;

namespace LeadForge.Rendering.Saving;

/// <summary>The relative paths of a bundle's files (SPEC §6.2, §11), shared by the writer and the reader.</summary>
internal static partial class BundleLayout
{
    public const string DatasetCard = "dataset_card.md";
    public const string FeatureDictionary = "feature_dictionary.csv";
    public const string GraphJson = "metadata/graph.json";
    public const string GraphMl = "metadata/graph.graphml";
    public const string TaskManifestName = "task_manifest.json";
    public static readonly string[] SplitNames = ["train", "valid", "test"];

    public static string Extension(TableFormat format) => format == TableFormat.Csv ? "csv" : "parquet";

    public static string Manifest(ShardSpec? shard) => shard is null ? BundleManifest.FileName : $"manifest.part-{Part(shard)}.json";

    public static string Table(string name, string extension, ShardSpec? shard) => Partitioned("tables/" + name, extension, shard);

    public static string Split(string taskId, string split, string extension, ShardSpec? shard) => Partitioned($"tasks/{taskId}/{split}", extension, shard);

    public static string TaskManifest(string taskId) => $"tasks/{taskId}/{TaskManifestName}";

    public static string MetadataTable(string name, string extension, ShardSpec? shard) => Partitioned("metadata/" + name, extension, shard);

    public static string MetadataDocument(string fileName) => "metadata/" + fileName;

    public static string ExportTable(string export, string name, string extension, ShardSpec? shard) => Partitioned($"exports/{export}/{name}", extension, shard);

    public static string ExportDocument(string export, string fileName) => $"exports/{export}/{fileName}";

    /// <summary>Whether a name is safe as one path segment: letters, digits, '_', '-', '.', not starting with '.'.</summary>
    public static bool IsSafeSegment(string? name) => name is { Length: > 0 and <= 200 } && SafeSegment().IsMatch(name);

    /// <summary>The file-system path of a relative bundle path under <paramref name="root"/>.</summary>
    public static string Combine(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string Partitioned(string stem, string extension, ShardSpec? shard) =>
        shard is null ? $"{stem}.{extension}" : $"{stem}/part-{Part(shard)}.{extension}";

    private static string Part(ShardSpec shard) => shard.Index.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeSegment();
}
