using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using LeadForge.Rendering.Json;
using LeadForge.Rendering.Saving;
using LeadForge.Rendering.Writers;
using LeadForge.Tables;

namespace LeadForge.Rendering;

/// <summary>
/// A saved bundle opened by <see cref="BundleReader.OpenAsync"/>: its manifest (or every shard
/// manifest of a sharded folder) is loaded up front; task manifests, tables and task splits are read
/// from disk only when asked for. Everything comes from the manifest inventory, so what a reader sees is
/// what the saver listed.
/// </summary>
/// <threadsafety>Safe to use from many threads; task manifests are cached after the first read.</threadsafety>
public sealed class SavedBundle
{
    private readonly ConcurrentDictionary<string, Task<TaskManifest>> _taskManifests = new(StringComparer.Ordinal);

    internal SavedBundle(string root, IReadOnlyList<BundleManifest> manifests, IReadOnlyList<int> missingShards)
    {
        Root = root;
        Manifests = manifests;
        MissingShards = missingShards;
        Files = manifests.SelectMany(m => m.Files).DistinctBy(f => f.Path, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The bundle folder.</summary>
    public string Root { get; }

    /// <summary>The manifests: one for a whole world; for a sharded folder, every shard manifest present, in shard order.</summary>
    public IReadOnlyList<BundleManifest> Manifests { get; }

    /// <summary>The first manifest: the provenance (recipe, seed, mode, configuration) shared by every part.</summary>
    public BundleManifest Manifest => Manifests[0];

    /// <summary>Whether the folder holds shard manifests (<c>manifest.part-&lt;k&gt;.json</c>) rather than one whole-world manifest.</summary>
    public bool IsSharded => Manifest.Shard is not null;

    /// <summary>The indices of shards whose manifest is absent from a sharded folder; empty when complete or whole.</summary>
    public IReadOnlyList<int> MissingShards { get; }

    /// <summary>Every file the manifests list (each path once), in manifest then write order.</summary>
    public IReadOnlyList<ManifestFile> Files { get; }

    /// <summary>The task ids the manifest declares.</summary>
    public IReadOnlyList<string> TaskIds => [.. Manifest.Tasks.Select(t => t.TaskId)];

    /// <summary>The names of the relational tables the manifests list, in listing order.</summary>
    public IReadOnlyList<string> TableNames => [.. Files.Where(f => f.Kind == BundleFileKind.Table && f.Name is not null).Select(f => f.Name!).Distinct(StringComparer.Ordinal)];

    /// <summary>The named exports the manifest declares (each under <c>exports/&lt;name&gt;/</c>).</summary>
    public IReadOnlyList<ManifestExport> Exports => Manifest.Exports ?? [];

    /// <summary>Reads a table of a named export (the concatenation of its parts for a sharded folder).</summary>
    /// <param name="export">The export name.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The table.</returns>
    /// <exception cref="BundleFormatException">The table is missing, stored only as CSV, or unreadable.</exception>
    public Task<Table> ReadExportTableAsync(string export, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(export);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        return BundleReader.ReadDatasetAsync(Root, "exports/" + export, tableName, $"table '{tableName}' of export '{export}'", cancellationToken);
    }

    /// <summary>Reads a JSON document of a named export.</summary>
    /// <param name="export">The export name.</param>
    /// <param name="fileName">The document's file name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document text.</returns>
    /// <exception cref="BundleFormatException">The document is missing or unreadable.</exception>
    public async Task<string> ReadExportDocumentAsync(string export, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(export);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var file = PathOf(BundleLayout.ExportDocument(export, fileName));
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BundleFormatException($"The document '{fileName}' of export '{export}' cannot be read ('{file}'): {ex.Message}", ex);
        }
    }

    /// <summary>The full file-system path of a listed bundle path.</summary>
    /// <param name="relativePath">A path relative to the bundle root with <c>/</c> separators.</param>
    /// <returns>The path under <see cref="Root"/>.</returns>
    public string PathOf(string relativePath) => BundleLayout.Combine(Root, relativePath);

    /// <summary>Reads (once) and returns the task manifest of a task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The task manifest.</returns>
    /// <exception cref="BundleFormatException">The task manifest is missing or malformed.</exception>
    public Task<TaskManifest> ReadTaskManifestAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        return _taskManifests.GetOrAdd(taskId, id => LoadTaskManifestAsync(id, cancellationToken));
    }

    /// <summary>Reads a relational table (the concatenation of its parts for a sharded folder).</summary>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The table.</returns>
    /// <exception cref="BundleFormatException">The table is missing, stored only as CSV, or unreadable.</exception>
    public Task<Table> ReadTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        BundleReader.ReadTableAsync(Root, tableName, cancellationToken);

    /// <summary>Reads one split of a task.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="split"><c>train</c>, <c>valid</c> or <c>test</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The split.</returns>
    /// <exception cref="BundleFormatException">The split is missing, stored only as CSV, or unreadable.</exception>
    public Task<Table> ReadTaskSplitAsync(string taskId, string split, CancellationToken cancellationToken = default) =>
        BundleReader.ReadTaskSplitAsync(Root, taskId, split, cancellationToken);

    /// <summary>Parses task-manifest bytes (<c>task_manifest.json</c>).</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <returns>The task manifest.</returns>
    /// <exception cref="BundleFormatException">The JSON is not a task manifest.</exception>
    public static TaskManifest ParseTaskManifest(ReadOnlySpan<byte> json)
    {
        try
        {
            return TaskManifestWriter.Read(json);
        }
        catch (JsonException ex)
        {
            throw new BundleFormatException($"not a task manifest: {ex.Message}", ex);
        }
    }

    private async Task<TaskManifest> LoadTaskManifestAsync(string taskId, CancellationToken cancellationToken)
    {
        var file = PathOf(BundleLayout.TaskManifest(taskId));
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BundleFormatException($"The task manifest '{file}' cannot be read: {ex.Message}", ex);
        }

        try
        {
            return TaskManifestWriter.Read(bytes);
        }
        catch (JsonException ex)
        {
            throw new BundleFormatException($"The task manifest '{file}' is malformed: {ex.Message}", ex);
        }
    }

    /// <summary>Loads <c>manifest.json</c>, a single manifest file, or every shard manifest of a sharded folder (checked to be parts of one world).</summary>
    internal static async Task<SavedBundle> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            var single = await BundleManifest.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            return new SavedBundle(Path.GetDirectoryName(Path.GetFullPath(path))!, [single], []);
        }

        if (!Directory.Exists(path))
        {
            throw new BundleFormatException($"'{path}' is not a bundle: the folder does not exist.");
        }

        var whole = Path.Combine(path, BundleManifest.FileName);
        var shardFiles = Directory.GetFiles(path, "manifest.part-*.json").Order(StringComparer.Ordinal).ToArray();
        if (File.Exists(whole) || shardFiles.Length == 0)
        {
            var manifest = await BundleManifest.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            if (manifest.Shard is not null)
            {
                throw new BundleFormatException($"The manifest '{whole}' describes shard {manifest.Shard}; a whole-world manifest has no shard.");
            }

            return new SavedBundle(path, [manifest], []);
        }

        var manifests = new List<BundleManifest>(shardFiles.Length);
        foreach (var file in shardFiles)
        {
            var manifest = await BundleManifest.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            if (manifest.Shard is null)
            {
                throw new BundleFormatException($"The shard manifest '{file}' has no shard.");
            }

            var expectedName = $"manifest.part-{manifest.Shard.Index.ToString(CultureInfo.InvariantCulture)}.json";
            if (!string.Equals(Path.GetFileName(file), expectedName, StringComparison.Ordinal))
            {
                throw new BundleFormatException($"The shard manifest '{file}' describes shard {manifest.Shard}, which belongs in '{expectedName}'.");
            }

            manifests.Add(manifest);
        }

        manifests.Sort((a, b) => a.Shard!.Index.CompareTo(b.Shard!.Index));
        var head = manifests[0];
        foreach (var other in manifests.Skip(1))
        {
            var differences = new List<string>();
            if (other.ConfigHash != head.ConfigHash)
            {
                differences.Add($"config hash {other.ConfigHash} vs {head.ConfigHash}");
            }

            if (other.Shard!.Count != head.Shard!.Count)
            {
                differences.Add($"shard count {other.Shard.Count} vs {head.Shard.Count}");
            }

            if (other.Seed != head.Seed || other.ExposureMode != head.ExposureMode || other.Difficulty != head.Difficulty || other.RecipeId != head.RecipeId)
            {
                differences.Add("recipe, seed, exposure mode or difficulty");
            }

            if (differences.Count > 0)
            {
                throw new BundleFormatException(
                    $"The shard manifests of '{path}' are not parts of one world: shard {other.Shard.Index} differs from shard {head.Shard!.Index} in {string.Join(", ", differences)}.");
            }
        }

        var present = manifests.Select(x => x.Shard!.Index).ToHashSet();
        var missing = Enumerable.Range(0, head.Shard!.Count).Where(k => !present.Contains(k)).ToArray();
        return new SavedBundle(path, manifests, missing);
    }
}
