using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadForge.Rendering;
using LeadForge.Schemes;
using LeadForge.Tables;

namespace LeadForge.Validation.Views;

/// <summary>
/// Adapts a saved bundle folder to <see cref="IBundleView"/>: opens it with
/// <see cref="BundleReader.OpenAsync"/> (the manifest, or every shard manifest of a sharded folder, and
/// the task manifests through <see cref="SavedBundle.ParseTaskManifest"/>), reads every inventoried file once
/// — hashing its bytes and, for Parquet tables and splits, parsing them through
/// <see cref="BundleReader.ReadParquetAsync"/> — and assembles tables, tasks and the feature
/// dictionary. Damage to individual files (missing, altered, unreadable) is recorded as
/// <see cref="FileIntegrity"/> for the structure checks; only a folder that cannot be read at all
/// throws.
/// </summary>
internal static class SavedBundleView
{
        private const string FeatureDictionaryPath = "feature_dictionary.csv";

    /// <summary>Loads a saved bundle folder.</summary>
    /// <exception cref="BundleFormatException">The folder is missing, has no manifest, or a manifest is unreadable or inconsistent.</exception>
    public static async Task<BundleView> LoadAsync(string bundlePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bundlePath);
        if (File.Exists(bundlePath))
        {
            throw new BundleFormatException($"'{bundlePath}' is a file; pass the bundle folder (the folder holding {BundleManifest.FileName}).");
        }

        if (!Directory.Exists(bundlePath))
        {
            throw new BundleFormatException($"'{bundlePath}' is not a bundle: the folder does not exist.");
        }

        var saved = await BundleReader.OpenAsync(bundlePath, cancellationToken).ConfigureAwait(false);
        var manifests = saved.Manifests;

        // Missing shards make a damaged (not unreadable) bundle: one missing inventory entry names them
        // all (a folder holding 1 of 100,000 parts gets one failed check, not 99,999).
        var missing = saved.MissingShards;
        var manifestFiles = missing.Count == 0
            ? []
            : new[]
            {
                new FileIntegrity(
                    missing.Count == 1 ? $"manifest.part-{missing[0].ToString(CultureInfo.InvariantCulture)}.json" : "manifest.part-*.json",
                    false,
                    null,
                    null,
                    null,
                    null,
                    missing.Count == 1 ? null : ShardsMissing(missing, saved.Manifests.Count + missing.Count)),
            };
        var first = saved.Manifest;
        var dataFiles = manifests.SelectMany(x => x.Files).Where(f => f.Kind is BundleFileKind.Table or BundleFileKind.TaskSplit).ToArray();
        if (dataFiles.Length > 0 && !dataFiles.Any(f => f.Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BundleFormatException($"The bundle '{bundlePath}' stores its tables as CSV only; the validator reads the canonical Parquet files. Save it with the Parquet format (CSV copies are fine) to validate it.");
        }
        var integrity = new List<FileIntegrity>(manifestFiles);
        var parts = new List<(ManifestFile File, int Shard, Table Table)>();
        var documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);

        for (var m = 0; m < manifests.Count; m++)
        {
            foreach (var file in manifests[m].Files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                listed.Add(file.Path);
                var (entry, table, bytes) = await ReadFileAsync(bundlePath, file, cancellationToken).ConfigureAwait(false);
                integrity.Add(entry);
                if (table is not null)
                {
                    parts.Add((file, manifests[m].Shard?.Index ?? 0, table));
                }
                else if (bytes is not null && file.Kind is BundleFileKind.TaskManifest or BundleFileKind.FeatureDictionary)
                {
                    documents[file.Path] = bytes;
                }
            }
        }

        integrity.AddRange(UnlistedFiles(bundlePath, listed));

        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var group in parts.Where(p => p.File.Kind == BundleFileKind.Table).GroupBy(p => p.File.Name ?? string.Empty, StringComparer.Ordinal))
        {
            if (Assemble(group.ToArray(), integrity) is { } table)
            {
                tables[group.Key] = table;
            }
        }

        var tasks = new List<TaskDataset>();
        foreach (var declared in first.Tasks)
        {
            if (BuildTask(declared.TaskId, parts, documents, integrity) is { } task)
            {
                tasks.Add(task);
            }
        }

        var dictionary = documents.TryGetValue(FeatureDictionaryPath, out var csv)
            ? ParseFeatureDictionary(csv, integrity)
            : [];

        var metadataFolder = Path.Combine(bundlePath, "metadata");
        var hasTruth = manifests.SelectMany(x => x.Files).Any(f => f.Kind is BundleFileKind.WorldGraph or BundleFileKind.MetadataDocument or BundleFileKind.MetadataTable)
            || (Directory.Exists(metadataFolder) && Directory.EnumerateFileSystemEntries(metadataFolder).Any());

        return new BundleView
        {
            Subject = $"{first.RecipeId} seed {first.Seed} ({first.ExposureMode.ToWire()}, {first.Difficulty.ToWire()}{(manifests.Count > 1 || first.Shard is not null ? $", {manifests.Count} shard(s)" : string.Empty)}) saved at '{bundlePath}'",
            Descriptor = new BundleDescriptor(first.Scheme, first.RecipeId, first.Seed, first.ExposureMode, first.Difficulty, first.Population, first.ConfigHash, first.PackageVersion, null),
            CalendarStart = first.StartDate,
            HorizonDays = first.HorizonDays,
            RecomputedConfigHash = Configuration.GenerationConfig.ComputeHash(first.ResolvedConfig),
            ManifestFieldMismatches = [.. manifests.SelectMany(ManifestFieldMismatches)],
            Tables = tables,
            Tasks = tasks,
            TableExposures = saved.Files
                .Where(f => f.Kind == BundleFileKind.Table && f.Name is not null && f.Exposure is not null)
                .DistinctBy(f => f.Name, StringComparer.Ordinal)
                .ToDictionary(f => f.Name!, f => f.Exposure!, StringComparer.Ordinal),
            FeatureDictionary = dictionary,
            HasTruth = hasTruth,
            Files = integrity,
        };
    }

    private static async Task<(FileIntegrity Entry, Table? Table, byte[]? Bytes)> ReadFileAsync(string root, ManifestFile file, CancellationToken cancellationToken)
    {
        var full = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
        if (!IsInside(root, full) || !File.Exists(full))
        {
            var error = IsInside(root, full) ? null : "the path points outside the bundle folder";
            return (new FileIntegrity(file.Path, false, file.RowCount, null, file.Sha256, null, error), null, null);
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (new FileIntegrity(file.Path, true, file.RowCount, null, file.Sha256, null, $"cannot be read: {ex.Message}"), null, null);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var isParquetTable = file.Kind is BundleFileKind.Table or BundleFileKind.TaskSplit
            && file.Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        if (!isParquetTable)
        {
            return (new FileIntegrity(file.Path, true, null, null, file.Sha256, sha), null, bytes);
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var table = await BundleReader.ReadParquetAsync(stream, null, cancellationToken).ConfigureAwait(false);
            var columnProblem = ColumnMismatch(file, table);
            return (new FileIntegrity(file.Path, true, file.RowCount, table.RowCount, file.Sha256, sha, columnProblem), columnProblem is null ? table : null, null);
        }
        catch (BundleFormatException ex)
        {
            return (new FileIntegrity(file.Path, true, file.RowCount, null, file.Sha256, sha, $"cannot be read as a Parquet table ({ex.Message})"), null, null);
        }
    }

    private static string? ColumnMismatch(ManifestFile file, Table table)
    {
        if (file.Columns is not { } declared)
        {
            return null;
        }

        var actual = table.Schema.Columns.Select(c => new ManifestColumn(c.Name, c.Type, c.Nullable)).ToArray();
        if (actual.SequenceEqual(declared))
        {
            return null;
        }

        static string List(IEnumerable<ManifestColumn> cs) => string.Join(", ", cs.Select(c => $"{c.Name} {c.Type.ToWire()}{(c.Nullable ? "?" : string.Empty)}"));
        return $"columns [{List(actual)}] differ from the manifest's [{List(declared)}]";
    }

    private static bool IsInside(string root, string full)
    {
        var r = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(full).StartsWith(r, StringComparison.Ordinal);
    }

    /// <summary>
    /// Files on disk that no manifest lists (a table smuggled into the folder, a stale part). Hidden
    /// files and folders (names starting with '.', e.g. operating-system metadata) are not bundle content.
    /// </summary>
    private static IEnumerable<FileIntegrity> UnlistedFiles(string root, HashSet<string> listed)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        foreach (var path in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(full, path).Replace(Path.DirectorySeparatorChar, '/');
            var name = Path.GetFileName(relative);
            var isManifest = relative == name && (name == BundleManifest.FileName || (name.StartsWith("manifest.part-", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)));
            if (listed.Contains(relative) || isManifest || relative.Split('/').Any(segment => segment.StartsWith('.')))
            {
                continue;
            }

            yield return new FileIntegrity(relative, true, null, null, null, null, "not listed in the manifest inventory");
        }
    }

    /// <summary>Concatenates the parts of one table (in shard order); null when a part is missing or unreadable.</summary>
    private static Table? Assemble((ManifestFile File, int Shard, Table Table)[] parts, List<FileIntegrity> integrity)
    {
        // CSV copies are hashed but never parsed; a dataset is usable when every listed Parquet part parsed.
        var broken = integrity.Any(f => (f.Error is not null || !f.Exists) && parts.Length > 0 && SameDataset(f.RelativePath, parts[0].File.Path));
        if (broken || parts.Length == 0)
        {
            return null;
        }

        var ordered = parts.OrderBy(p => p.Shard).Select(p => p.Table).ToArray();
        if (ordered.Length == 1)
        {
            return ordered[0];
        }

        var schema = ordered[0].Schema;
        return ordered.All(t => t.Schema.Columns.Select(c => (c.Name, c.Type)).SequenceEqual(schema.Columns.Select(c => (c.Name, c.Type))))
            ? InKeyOrder(Table.Concat(schema, ordered))
            : null;
    }

    /// <summary>
    /// Puts the union of shard parts back in primary-key order (ids are <c>prefix_NNNNNN</c>, so a longer
    /// id is a larger number), the order of the unsharded run, so every order-sensitive measurement
    /// (cross-fitted probes, first-offending-row messages) matches it.
    /// </summary>
    private static Table InKeyOrder(Table table)
    {
        if (table.Schema.PrimaryKey is not { } key || table[key].Type != ColumnType.String)
        {
            return table;
        }

        var ids = table[key].AsString();
        var order = Enumerable.Range(0, table.RowCount)
            .OrderBy(r => ids[r]?.Length ?? 0)
            .ThenBy(r => ids[r], StringComparer.Ordinal)
            .ToArray();
        return table.Take(order);
    }

    /// <summary>Whether two inventory paths are parts of the same Parquet dataset (<c>x.parquet</c> or <c>x/part-k.parquet</c>).</summary>
    private static bool SameDataset(string a, string b) => a.EndsWith(".parquet", StringComparison.Ordinal) && DatasetStem(a) == DatasetStem(b);

    private static string DatasetStem(string path)
    {
        var slash = path.LastIndexOf('/');
        var name = path[(slash + 1)..];
        return name.StartsWith("part-", StringComparison.Ordinal) && slash > 0 ? path[..slash] : path[..path.LastIndexOf('.')];
    }

    private static TaskDataset? BuildTask(string taskId, List<(ManifestFile File, int Shard, Table Table)> parts, Dictionary<string, byte[]> documents, List<FileIntegrity> integrity)
    {
        var manifestPath = $"tasks/{taskId}/task_manifest.json";
        if (!documents.TryGetValue(manifestPath, out var json))
        {
            // A listed-but-missing or an unlisted task manifest already has an inventory entry saying so.
            if (!integrity.Any(f => f.RelativePath == manifestPath))
            {
                integrity.Add(new FileIntegrity(manifestPath, false, null, null, null, null, $"task '{taskId}' is declared by the manifest but has no task manifest"));
            }

            return null;
        }

        TaskManifest manifest;
        try
        {
            manifest = SavedBundle.ParseTaskManifest(json);
        }
        catch (BundleFormatException ex)
        {
            Replace(integrity, manifestPath, e => e with { Error = $"cannot be parsed as a task manifest ({ex.InnerException?.Message ?? ex.Message})" });
            return null;
        }

        var splits = new Table?[3];
        string[] names = ["train", "valid", "test"];
        for (var s = 0; s < 3; s++)
        {
            var split = parts.Where(p => p.File.Kind == BundleFileKind.TaskSplit && p.File.Name == taskId && p.File.Split == names[s]).ToArray();
            splits[s] = split.Length == 0 ? null : Assemble(split, integrity);
        }

        return splits.Any(s => s is null) ? null : new TaskDataset(manifest, splits[0]!, splits[1]!, splits[2]!);
    }

    private static void Replace(List<FileIntegrity> integrity, string path, Func<FileIntegrity, FileIntegrity> change)
    {
        var i = integrity.FindIndex(f => f.RelativePath == path);
        if (i >= 0)
        {
            integrity[i] = change(integrity[i]);
        }
    }

    private static IReadOnlyList<FeatureInfo> ParseFeatureDictionary(byte[] csv, List<FileIntegrity> integrity)
    {
        try
        {
            return ParseFeatureDictionary(Encoding.UTF8.GetString(csv));
        }
        catch (FormatException ex)
        {
            Replace(integrity, FeatureDictionaryPath, e => e with { Error = $"cannot be parsed as the feature dictionary ({ex.Message})" });
            return [];
        }
    }

    /// <summary>Parses <c>feature_dictionary.csv</c> (RFC 4180, header row, columns by name).</summary>
    internal static IReadOnlyList<FeatureInfo> ParseFeatureDictionary(string text)
    {
        var rows = RfcCsv.Parse(text);
        if (rows.Count == 0)
        {
            throw new FormatException("the file is empty");
        }

        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"the header lacks column '{name}'");
        var (name, type, description, category, source, window, leakage, target, modes, nullShare) =
            (Col("name"), Col("type"), Col("description"), Col("category"), Col("source_table"), Col("window"), Col("leakage_risk"), Col("is_target"), Col("modes"), Col("null_share"));
        var features = new List<FeatureInfo>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Length != header.Length)
            {
                throw new FormatException($"row {r + 1} has {row.Length} cells, the header {header.Length}");
            }

            features.Add(new FeatureInfo
            {
                Name = row[name],
                Type = WireNames.TryParseWire<ColumnType>(row[type], out var t) ? t : throw new FormatException($"row {r + 1}: '{row[type]}' is not a column type"),
                Description = row[description],
                Category = row[category],
                SourceTable = row[source],
                Window = row[window],
                LeakageRisk = ParseBool(row[leakage], r),
                IsTarget = ParseBool(row[target], r),
                Modes = row[modes].Split(';', StringSplitOptions.RemoveEmptyEntries)
                    .Select(m => WireNames.TryParseWire<ExposureMode>(m, out var mode) ? mode : throw new FormatException($"row {r + 1}: '{m}' is not an exposure mode"))
                    .ToArray(),
                NullShare = double.TryParse(row[nullShare], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) ? share : throw new FormatException($"row {r + 1}: '{row[nullShare]}' is not a number"),
            });
        }

        return features;
    }

    private static bool ParseBool(string text, int row) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"row {row + 1}: '{text}' is not true or false"),
    };


    /// <summary>
    /// The manifest's top-level fields that disagree with its resolved config (the content the config
    /// hash binds): an edited seed, tier or population is caught even though the hash still matches.
    /// </summary>
    private static IEnumerable<string> ManifestFieldMismatches(BundleManifest m)
    {
        var where = m.Shard is { } shard ? $"manifest.part-{shard.Index.ToString(CultureInfo.InvariantCulture)}.json" : BundleManifest.FileName;
        var config = m.ResolvedConfig;
        if (config.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            yield return $"{where}: the resolved config is not an object";
            yield break;
        }

        string? Text(string key) => config.TryGetProperty(key, out var v) ? v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        IEnumerable<string> Compare(string field, string? manifestValue, string key)
        {
            var configured = Text(key);
            if (!string.Equals(manifestValue, configured, StringComparison.Ordinal))
            {
                yield return $"{where}: {field} is {manifestValue ?? "absent"} but the resolved config's {key} is {configured ?? "absent"}";
            }
        }

        var population = config.TryGetProperty("population", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Object
            ? string.Join(", ", p.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => $"{e.Name}={e.Value.GetRawText()}"))
            : null;
        var manifestPopulation = string.Join(", ", m.Population.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}={e.Value}")));
        foreach (var mismatch in Compare("seed", m.Seed.ToString(CultureInfo.InvariantCulture), "seed")
            .Concat(Compare("exposure_mode", m.ExposureMode.ToWire(), "exposure_mode"))
            .Concat(Compare("difficulty", m.Difficulty.ToWire(), "difficulty"))
            .Concat(Compare("scheme", m.Scheme, "scheme"))
            .Concat(Compare("recipe_id", m.RecipeId, "id"))
            .Concat(Compare("start_date", m.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "start_date"))
            .Concat(Compare("horizon_days", m.HorizonDays.ToString(CultureInfo.InvariantCulture), "horizon_days")))
        {
            yield return mismatch;
        }

        if (!string.Equals(population, manifestPopulation, StringComparison.Ordinal))
        {
            yield return $"{where}: population is {{{manifestPopulation}}} but the resolved config's population is {{{population ?? "absent"}}}";
        }
    }

    /// <summary>"99,999 of 100,000 shard manifests are missing (parts 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …)".</summary>
    private static string ShardsMissing(IReadOnlyList<int> missing, int total)
    {
        var shown = string.Join(", ", missing.Take(10).Select(k => k.ToString(CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture, $"{missing.Count:N0} of {total:N0} shard manifests are missing (parts {shown}{(missing.Count > 10 ? ", …" : string.Empty)})");
    }
}

/// <summary>A minimal RFC 4180 reader: quoted fields with doubled quotes, CRLF or LF records.</summary>
internal static class RfcCsv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        var atRecordStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("a quoted cell is not closed");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }

                atRecordStart = false;
                continue;
            }

            if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
                i++;
                atRecordStart = false;
                continue;
            }

            if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                if (!atRecordStart || cell.Length > 0)
                {
                    row.Add(cell.ToString());
                    rows.Add([.. row]);
                }

                row.Clear();
                cell.Clear();
                atRecordStart = true;
                continue;
            }

            cell.Append(c);
            atRecordStart = false;
            i++;
        }

        if (!atRecordStart || cell.Length > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }
}
