using System.Text.Json.Serialization;

namespace LeadForge.Rendering.Json;

/// <summary>The wire form of <c>leadforge inspect --json</c>: provenance, table inventory and tasks of a saved bundle.</summary>
internal sealed record BundleSummaryDocument
{
    public required string Scheme { get; init; }

    public required string RecipeId { get; init; }

    public required string PackageVersion { get; init; }

    public required string BundleSchemaVersion { get; init; }

    public required long Seed { get; init; }

    public required ExposureMode ExposureMode { get; init; }

    public required Difficulty Difficulty { get; init; }

    public required IReadOnlyDictionary<string, int> Population { get; init; }

    public required int ShardManifests { get; init; }

    public required string ConfigHash { get; init; }

    /// <summary>The write time as <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (millisecond precision, unlike the manifest).</summary>
    public required string GeneratedAt { get; init; }

    public required int FileCount { get; init; }

    public required long TotalBytes { get; init; }

    public required IReadOnlyList<SummaryTable> Tables { get; init; }

    public required IReadOnlyList<SummaryTask> Tasks { get; init; }
}

/// <summary>One table of the summary: rows, columns, bytes and part files over all shards.</summary>
internal sealed record SummaryTable(string Name, long Rows, int Columns, long Bytes, int Parts);

/// <summary>One task of the summary: split rows over all shards and its task manifest when present.</summary>
internal sealed record SummaryTask(
    string TaskId,
    long TrainRows,
    long ValidRows,
    long TestRows,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TaskManifest? TaskManifest);
