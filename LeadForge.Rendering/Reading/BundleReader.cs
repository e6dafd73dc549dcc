using System.Globalization;
using LeadForge.Rendering.Reading;
using LeadForge.Rendering.Saving;
using LeadForge.Tables;

namespace LeadForge.Rendering;

/// <summary>Reads tables and task splits of a saved bundle back into <see cref="Table"/>s.</summary>
/// <remarks>
/// Reads Parquet files (the canonical format). A sharded table or split
/// (<c>tables/&lt;table&gt;/part-&lt;k&gt;.parquet</c>) is read as the concatenation of its parts in
/// shard order. Column types, nullability, descriptions and keys come from the LeadForge schema
/// stored in each file; files written by other tools get an inferred schema.
/// </remarks>
public static class BundleReader
{
    /// <summary>
    /// Opens a saved bundle: loads its manifest (or every shard manifest of a sharded folder, checked to be
    /// parts of one world); task manifests, tables and splits are read on demand.
    /// </summary>
    /// <param name="folder">The bundle folder, or one manifest file (e.g. a shard's <c>manifest.part-0.json</c>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The opened bundle.</returns>
    /// <exception cref="BundleFormatException">The folder is missing, has no manifest, or a manifest is unreadable or inconsistent.</exception>
    public static Task<SavedBundle> OpenAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return SavedBundle.LoadAsync(folder, cancellationToken);
    }

    /// <summary>Reads a relational table of a bundle.</summary>
    /// <param name="bundlePath">The bundle folder.</param>
    /// <param name="tableName">The table name, e.g. <c>leads</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The table.</returns>
    /// <exception cref="BundleFormatException">The bundle or table is missing, stored only as CSV, or unreadable.</exception>
    public static Task<Table> ReadTableAsync(string bundlePath, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        return ReadDatasetAsync(bundlePath, "tables", tableName, $"table '{tableName}'", cancellationToken);
    }

    /// <summary>Reads one split of a task of a bundle.</summary>
    /// <param name="bundlePath">The bundle folder.</param>
    /// <param name="taskId">The task id, e.g. <c>converted_within_90_days</c>.</param>
    /// <param name="split"><c>train</c>, <c>valid</c> or <c>test</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentException"><paramref name="split"/> is not a split name.</exception>
    /// <exception cref="BundleFormatException">The bundle, task or split is missing, stored only as CSV, or unreadable.</exception>
    public static Task<Table> ReadTaskSplitAsync(string bundlePath, string taskId, string split, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        if (!BundleLayout.SplitNames.Contains(split, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{split}' is not a split; use one of {string.Join(", ", BundleLayout.SplitNames)}.", nameof(split));
        }

        return ReadDatasetAsync(bundlePath, "tasks/" + taskId, split, $"split '{split}' of task '{taskId}'", cancellationToken);
    }

    /// <summary>Reads a Parquet stream into a table.</summary>
    /// <param name="stream">The Parquet data (copied to memory first when not seekable).</param>
    /// <param name="schema">
    /// The expected schema; <see langword="null"/> (default) uses the LeadForge schema stored in the
    /// file, or infers one (table name <c>table</c>) for files written by other tools.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The table.</returns>
    /// <exception cref="BundleFormatException">The data is not Parquet, lacks a schema column, or has an incompatible type.</exception>
    public static Task<Table> ReadParquetAsync(Stream stream, TableSchema? schema = null, CancellationToken cancellationToken = default) =>
        ParquetTableReader.ReadAsync(stream, schema, "The Parquet stream", cancellationToken);

    internal static async Task<Table> ReadDatasetAsync(string bundlePath, string folder, string name, string what, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(bundlePath))
        {
            throw new BundleFormatException($"'{bundlePath}' is not a bundle: the folder does not exist.");
        }

        var stem = BundleLayout.Combine(bundlePath, $"{folder}/{name}");
        var parts = FindParts(stem);
        if (parts.Length == 0)
        {
            var csv = File.Exists(stem + ".csv") || (Directory.Exists(stem) && Directory.EnumerateFiles(stem, "part-*.csv").Any());
            throw new BundleFormatException(csv
                ? $"The {what} of bundle '{bundlePath}' is stored as CSV; BundleReader reads Parquet only."
                : $"Bundle '{bundlePath}' has no {what} (looked for '{folder}/{name}.parquet' and '{folder}/{name}/part-<k>.parquet').");
        }

        var tables = new List<Table>(parts.Length);
        foreach (var part in parts)
        {
            var stream = OpenRead(part);
            await using (stream.ConfigureAwait(false))
            {
                tables.Add(await ParquetTableReader.ReadAsync(stream, tables.Count == 0 ? null : tables[0].Schema, $"'{part}'", cancellationToken).ConfigureAwait(false));
            }
        }

        return tables.Count == 1 ? tables[0] : Table.Concat(tables[0].Schema, tables);
    }

    private static string[] FindParts(string stem)
    {
        if (File.Exists(stem + ".parquet"))
        {
            return [stem + ".parquet"];
        }

        if (!Directory.Exists(stem))
        {
            return [];
        }

        return Directory.EnumerateFiles(stem, "part-*.parquet")
            .Select(p => (Path: p, Index: int.TryParse(Path.GetFileNameWithoutExtension(p).AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : int.MaxValue))
            .OrderBy(p => p.Index).ThenBy(p => p.Path, StringComparer.Ordinal)
            .Select(p => p.Path)
            .ToArray();
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BundleFormatException($"'{path}' cannot be opened: {ex.Message}", ex);
        }
    }
}
