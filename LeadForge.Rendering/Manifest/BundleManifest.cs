using System.Text.Json;
using System.Text.Json.Serialization;
using LeadForge.Configuration;
using LeadForge.Rendering.Json;
using LeadForge.Schemes;
using LeadForge.Tables;

namespace LeadForge.Rendering;

/// <summary>
/// The typed content of a bundle's <c>manifest.json</c> (or <c>manifest.part-&lt;k&gt;.json</c> for a
/// shard): what was generated, from which resolved configuration, and an inventory of every file
/// written with its SHA-256. Keys are snake_case; enum values are wire names.
/// </summary>
public sealed record BundleManifest
{
    /// <summary>The file name of a whole-world manifest.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The version of the on-disk layout (<see cref="LeadForgeInfo.BundleSchemaVersion"/>).</summary>
    public required string BundleSchemaVersion { get; init; }

    /// <summary>The LeadForge version that wrote the bundle.</summary>
    public required string PackageVersion { get; init; }

    /// <summary>The generation scheme, e.g. <c>lead_scoring</c>.</summary>
    public required string Scheme { get; init; }

    /// <summary>The recipe id.</summary>
    public required string RecipeId { get; init; }

    /// <summary>The root seed.</summary>
    public required long Seed { get; init; }

    /// <summary>The exposure mode.</summary>
    public required ExposureMode ExposureMode { get; init; }

    /// <summary>The difficulty tier.</summary>
    public required Difficulty Difficulty { get; init; }

    /// <summary>The population of the whole world (also for a shard): entity name → count.</summary>
    public required IReadOnlyDictionary<string, int> Population { get; init; }

    /// <summary>The first simulated day.</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>The simulated horizon in days (each task's own anchor and label window are in its task manifest).</summary>
    public required int HorizonDays { get; init; }

    /// <summary>The shard this manifest describes, or <see langword="null"/> for a whole world.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>SHA-256 of the canonical resolved configuration.</summary>
    public required string ConfigHash { get; init; }

    /// <summary>The fully resolved configuration document (regenerating from it reproduces the bundle).</summary>
    public required JsonElement ResolvedConfig { get; init; }

    /// <summary>When the bundle was written (UTC); the only field that differs between identical runs.</summary>
    public required DateTime GeneratedAt { get; init; }

    /// <summary>Row counts of every task's splits (for a shard: this shard's rows).</summary>
    public required IReadOnlyList<ManifestTask> Tasks { get; init; }

    /// <summary>The named exports written with this manifest; <see langword="null"/> when the bundle has none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ManifestExport>? Exports { get; init; }

    /// <summary>Every file written with this manifest, in write order; the manifest itself is not listed.</summary>
    public required IReadOnlyList<ManifestFile> Files { get; init; }

    /// <summary>
    /// Loads a manifest from a bundle folder (its <c>manifest.json</c>) or from a manifest file path
    /// (e.g. a shard's <c>manifest.part-0.json</c>).
    /// </summary>
    /// <param name="bundlePath">A bundle folder or a manifest file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="BundleFormatException">The folder or manifest is missing, unreadable or malformed.</exception>
    public static async Task<BundleManifest> LoadAsync(string bundlePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);
        var file = File.Exists(bundlePath) ? bundlePath : Path.Combine(bundlePath, FileName);
        if (!File.Exists(file))
        {
            var hint = Directory.Exists(bundlePath)
                ? Directory.GetFiles(bundlePath, "manifest.part-*.json").Order(StringComparer.Ordinal).Select(Path.GetFileName).ToArray()
                : [];
            throw new BundleFormatException(!Directory.Exists(bundlePath)
                ? $"'{bundlePath}' is not a bundle: the folder does not exist."
                : hint.Length > 0
                    ? $"'{bundlePath}' holds a sharded bundle without '{FileName}'; load a shard manifest instead: {string.Join(", ", hint)}."
                    : $"'{bundlePath}' is not a bundle: '{FileName}' is missing.");
        }

        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 14, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, BundleJsonContext.Bundle.BundleManifest, cancellationToken).ConfigureAwait(false)
                    ?? throw new BundleFormatException($"The manifest '{file}' is empty (JSON null).");
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            throw new BundleFormatException($"The manifest '{file}' is malformed{where}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BundleFormatException($"The manifest '{file}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The manifest as indented JSON text (LF line ends, stable key order).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, BundleJsonContext.Bundle.BundleManifest);
}

/// <summary>The rows of one task's splits.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="TrainRows">Rows in the train split.</param>
/// <param name="ValidRows">Rows in the validation split.</param>
/// <param name="TestRows">Rows in the test split.</param>
public sealed record ManifestTask(string TaskId, long TrainRows, long ValidRows, long TestRows);

/// <summary>What a file of a bundle holds.</summary>
public enum BundleFileKind
{
    /// <summary>A relational table (<c>tables/</c>). Written as <c>table</c>.</summary>
    Table,

    /// <summary>A task split (<c>tasks/&lt;id&gt;/</c>). Written as <c>task_split</c>.</summary>
    TaskSplit,

    /// <summary>A task's <c>task_manifest.json</c>. Written as <c>task_manifest</c>.</summary>
    TaskManifest,

    /// <summary>The dataset card <c>dataset_card.md</c>. Written as <c>dataset_card</c>.</summary>
    DatasetCard,

    /// <summary>The feature dictionary <c>feature_dictionary.csv</c>. Written as <c>feature_dictionary</c>.</summary>
    FeatureDictionary,

    /// <summary>The world graph as JSON or GraphML (<c>metadata/</c>). Written as <c>world_graph</c>.</summary>
    WorldGraph,

    /// <summary>A hidden-truth JSON document (<c>metadata/</c>). Written as <c>metadata_document</c>.</summary>
    MetadataDocument,

    /// <summary>A hidden-truth table (<c>metadata/</c>). Written as <c>metadata_table</c>.</summary>
    MetadataTable,

    /// <summary>A table of a named export (<c>exports/&lt;name&gt;/</c>). Written as <c>export_table</c>.</summary>
    ExportTable,

    /// <summary>A JSON document of a named export (<c>exports/&lt;name&gt;/</c>). Written as <c>export_document</c>.</summary>
    ExportDocument,
}

/// <summary>One file of a bundle.</summary>
public sealed record ManifestFile
{
    /// <summary>The path relative to the bundle root, with <c>/</c> separators.</summary>
    public required string Path { get; init; }

    /// <summary>What the file holds.</summary>
    public required BundleFileKind Kind { get; init; }

    /// <summary>The table name (tables and metadata tables) or task id (splits and task manifests); otherwise <see langword="null"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>The export an export table or document belongs to; otherwise <see langword="null"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Export { get; init; }

    /// <summary>The split (<c>train</c>, <c>valid</c> or <c>test</c>) of a task split; otherwise <see langword="null"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Split { get; init; }

    /// <summary>The rows of a table or split file; otherwise <see langword="null"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RowCount { get; init; }

    /// <summary>The columns of a table or split file; otherwise <see langword="null"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ManifestColumn>? Columns { get; init; }

    /// <summary>Who may see a relational table (declared by the scheme's schema); otherwise <see langword="null"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ManifestExposure? Exposure { get; init; }

    /// <summary>The file size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>The lower-case hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; init; }
}

/// <summary>One column of a table file.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The logical type.</param>
/// <param name="Nullable">Whether the column may hold nulls.</param>
public sealed record ManifestColumn(string Name, ColumnType Type, bool Nullable);

/// <summary>The exposure of a table and of its restricted columns, as its schema declares it.</summary>
/// <param name="Level">Who may see the table.</param>
/// <param name="Reason">Why the table is restricted; <see langword="null"/> for a public table.</param>
/// <param name="Columns">The columns whose exposure is not public; <see langword="null"/> when there are none.</param>
public sealed record ManifestExposure(
    ExposureLevel Level,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ManifestColumnExposure>? Columns)
{
    /// <summary>The manifest form of a schema's exposure.</summary>
    /// <param name="schema">The table schema.</param>
    /// <returns>The exposure section.</returns>
    public static ManifestExposure Of(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var columns = schema.Columns.Where(c => schema.ColumnExposures.ContainsKey(c.Name))
            .Select(c => new ManifestColumnExposure(c.Name, schema.ExposureOf(c.Name).Level, schema.ExposureOf(c.Name).Reason))
            .ToArray();
        return new ManifestExposure(schema.Exposure.Level, schema.Exposure.IsInstructorOnly ? schema.Exposure.Reason : null, columns.Length == 0 ? null : columns);
    }

    /// <summary>The exposure of one column of the table: its own declaration, else public.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The column's exposure.</returns>
    public Exposure ColumnExposure(string column) =>
        Columns?.FirstOrDefault(c => c.Name == column) is { } c ? new Exposure(c.Level, c.Reason) : LeadForge.Tables.Exposure.Public;
}

/// <summary>The exposure of one restricted column.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Level">Who may see the column.</param>
/// <param name="Reason">Why it is restricted.</param>
public sealed record ManifestColumnExposure(string Name, ExposureLevel Level, string Reason);

/// <summary>The manifest section of one named export: what it is and which tables and documents it holds.</summary>
/// <param name="Name">The export name (its folder under <c>exports/</c>).</param>
/// <param name="Description">What the export is for.</param>
/// <param name="Tables">Its table names.</param>
/// <param name="Documents">Its document file names.</param>
public sealed record ManifestExport(string Name, string Description, IReadOnlyList<string> Tables, IReadOnlyList<string> Documents);
