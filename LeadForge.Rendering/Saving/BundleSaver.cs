using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LeadForge.Rendering.Writers;
using LeadForge.Schemes;
using LeadForge.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadForge.Rendering.Saving;

/// <summary>
/// Saves a <see cref="WorldBundle"/> atomically: every file is written into a temporary sibling
/// folder, hashed as it is written, and only then moved into place. A whole-world bundle is
/// renamed into the target folder in one step; a shard's files are moved into a (possibly shared)
/// target folder next to other shards' parts. Failure or cancellation removes the temporary folder.
/// </summary>
internal sealed partial class BundleSaver
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly WorldBundle _bundle;
    private readonly SaveOptions _options;
    private readonly ShardSpec? _shard;
    private readonly ILogger _logger;
    private readonly string _target;

    public BundleSaver(WorldBundle bundle, string path, SaveOptions options)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        if (options.RowGroupSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RowGroupSize, "SaveOptions.RowGroupSize must be positive.");
        }

        if (options.MaxDegreeOfParallelism is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "SaveOptions.MaxDegreeOfParallelism must be positive when set.");
        }

        _bundle = bundle;
        _options = options;
        _shard = bundle.Descriptor.Shard;
        _logger = options.Logger ?? NullLogger.Instance;
        try
        {
            _target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new BundleWriteException($"Cannot save a bundle to '{path}': the path is invalid ({ex.Message}).", ex);
        }
    }

    public async Task<BundleManifest> SaveAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var plan = Plan();
        string? temp = null;
        try
        {
            var parent = Path.GetDirectoryName(_target) ?? throw new BundleWriteException($"Cannot save a bundle to the file-system root '{_target}'.");
            CheckTarget(plan);
            var before = TargetState.Of(_target);
            Directory.CreateDirectory(parent);

            // Temporaries of earlier saves to this target whose process was killed are removed first.
            foreach (var stale in TemporaryFolder.RemoveStale(parent, Path.GetFileName(_target)))
            {
                LogStaleRemoved(_logger, stale);
            }

            temp = CreateTempSibling(parent);
            var (manifest, written) = await WriteAllAsync(temp, plan, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (_shard is null)
            {
                CommitWholeWorld(temp, parent, before, cancellationToken);
            }
            else
            {
                CommitShard(temp, written);
            }

            temp = null;
            LogSaved(_logger, _target, written.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return manifest;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not LeadForgeException)
        {
            throw new BundleWriteException($"Saving the bundle to '{_target}' failed: {ex.Message}", ex);
        }
        finally
        {
            if (temp is not null)
            {
                TryDeleteDirectory(temp);
            }
        }
    }

    private List<PlannedFile> Plan()
    {
        var b = _bundle;
        var ext = BundleLayout.Extension(_options.Format);
        var csvCopies = _options.IncludeCsvCopies && _options.Format == TableFormat.Parquet;
        var writesShared = _shard is null || _shard.Index == 0;
        var plan = new List<PlannedFile>();

        if (writesShared)
        {
            plan.Add(new PlannedFile(BundleLayout.DatasetCard, BundleFileKind.DatasetCard, null, null, null, (s, _) => WriteText(s, b.DatasetCard)));
            var dictionary = FeatureDictionaryTable.Build(b.FeatureDictionary);
            plan.Add(new PlannedFile(BundleLayout.FeatureDictionary, BundleFileKind.FeatureDictionary, null, null, null, (s, ct) => CsvTableWriter.WriteAsync(dictionary, s, ct)));
        }

        foreach (var table in b.Tables)
        {
            RequireSafe(table.Name, "table name");
            AddTable(plan, BundleLayout.Table(table.Name, ext, _shard), BundleFileKind.Table, table.Name, null, table);
            if (csvCopies)
            {
                AddTable(plan, BundleLayout.Table(table.Name, "csv", _shard), BundleFileKind.Table, table.Name, null, table, TableFormat.Csv);
            }
        }

        foreach (var task in b.Tasks)
        {
            RequireSafe(task.Id, "task id");
            foreach (var (split, table) in task.Splits)
            {
                AddTable(plan, BundleLayout.Split(task.Id, split, ext, _shard), BundleFileKind.TaskSplit, task.Id, split, table);
                if (csvCopies)
                {
                    AddTable(plan, BundleLayout.Split(task.Id, split, "csv", _shard), BundleFileKind.TaskSplit, task.Id, split, table, TableFormat.Csv);
                }
            }

            if (writesShared)
            {
                plan.Add(new PlannedFile(BundleLayout.TaskManifest(task.Id), BundleFileKind.TaskManifest, task.Id, null, null, (s, _) =>
                {
                    TaskManifestWriter.Write(task, includeRowCounts: _shard is null, s);
                    return Task.CompletedTask;
                }));
            }
        }

        if (b.Truth is { } truth)
        {
            if (writesShared)
            {
                plan.Add(new PlannedFile(BundleLayout.GraphJson, BundleFileKind.WorldGraph, null, null, null, (s, _) => WriteText(s, truth.Graph.ToJson())));
                plan.Add(new PlannedFile(BundleLayout.GraphMl, BundleFileKind.WorldGraph, null, null, null, (s, _) =>
                {
                    GraphMlWriter.Write(truth.Graph, s);
                    return Task.CompletedTask;
                }));
                foreach (var document in truth.Documents)
                {
                    RequireSafe(document.FileName, "metadata document name");
                    plan.Add(new PlannedFile(BundleLayout.MetadataDocument(document.FileName), BundleFileKind.MetadataDocument, null, null, null, (s, _) => WriteText(s, document.Json)));
                }
            }

            foreach (var table in truth.Tables)
            {
                RequireSafe(table.Name, "metadata table name");
                AddTable(plan, BundleLayout.MetadataTable(table.Name, ext, _shard), BundleFileKind.MetadataTable, table.Name, null, table);
            }
        }

        foreach (var export in b.Exports)
        {
            RequireSafe(export.Name, "export name");
            foreach (var table in export.Tables)
            {
                RequireSafe(table.Name, "export table name");
                AddTable(plan, BundleLayout.ExportTable(export.Name, table.Name, ext, _shard), BundleFileKind.ExportTable, table.Name, null, table);
                plan[^1] = plan[^1] with { Export = export.Name };
            }

            if (writesShared)
            {
                foreach (var document in export.Documents)
                {
                    RequireSafe(document.FileName, "export document name");
                    var path = BundleLayout.ExportDocument(export.Name, document.FileName);
                    plan.Add(new PlannedFile(path, BundleFileKind.ExportDocument, null, null, null, (s, _) => WriteText(s, document.Json)) { Export = export.Name });
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { BundleLayout.Manifest(_shard) };
        foreach (var file in plan)
        {
            if (!seen.Add(file.Path))
            {
                throw new BundleWriteException($"Cannot save the bundle to '{_target}': two of its items map to the same file '{file.Path}' (names are compared case-insensitively).");
            }
        }

        return plan;
    }

    private void AddTable(List<PlannedFile> plan, string path, BundleFileKind kind, string name, string? split, Table table, TableFormat? format = null)
    {
        var rowGroupSize = _options.RowGroupSize;
        Func<Stream, CancellationToken, Task> write = (format ?? _options.Format) == TableFormat.Csv
            ? (s, ct) => CsvTableWriter.WriteAsync(table, s, ct)
            : (s, ct) => ParquetTableWriter.WriteAsync(table, s, rowGroupSize, ct);
        plan.Add(new PlannedFile(path, kind, name, split, table, write));
    }

    private void RequireSafe(string name, string what)
    {
        if (!BundleLayout.IsSafeSegment(name))
        {
            throw new BundleWriteException($"Cannot save the bundle to '{_target}': the {what} '{name}' is not a safe file name (use letters, digits, '_', '-' and '.', not starting with '.').");
        }
    }

    private void CheckTarget(List<PlannedFile> plan)
    {
        BundleTarget.Check(_target, _shard, _options.Overwrite);
        if (_shard is null || _options.Overwrite || !Directory.Exists(_target))
        {
            return;
        }

        var existing = plan.Select(p => p.Path).Append(BundleLayout.Manifest(_shard))
            .Where(p => File.Exists(BundleLayout.Combine(_target, p)) || Directory.Exists(BundleLayout.Combine(_target, p)))
            .ToArray();
        if (existing.Length > 0)
        {
            throw new BundleWriteException($"Cannot save shard {_shard} to '{_target}': {existing.Length} of its files already exist (e.g. '{existing[0]}'). Set SaveOptions.Overwrite to replace them.");
        }
    }

    private static long s_temporaryCounter;

    private string CreateTempSibling(string parent)
    {
        var name = Path.GetFileName(_target);
        var part = _shard is null ? string.Empty : $"part-{_shard.Index.ToString(CultureInfo.InvariantCulture)}-";
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        while (true)
        {
            // The number comes from a process-wide counter, so two saves on threads of this process never
            // probe the same name (probing one name let a save claim a folder another save had just
            // swapped out and was deleting). A name can still exist from a dead process with the same id:
            // skip it; the exclusive marker settles any remaining race.
            var n = Interlocked.Increment(ref s_temporaryCounter) - 1;
            var candidate = Path.Combine(parent, $".{name}.tmp-{part}{pid}-{n.ToString(CultureInfo.InvariantCulture)}");
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                continue;
            }

            Directory.CreateDirectory(candidate);
            if (TemporaryFolder.TryClaim(candidate))
            {
                return candidate;
            }
        }
    }

    private async Task<(BundleManifest Manifest, List<string> Written)> WriteAllAsync(string root, List<PlannedFile> plan, CancellationToken cancellationToken)
    {
        var files = new ManifestFile[plan.Count];
        var total = plan.Count + 1;
        var reporter = new OrderedReporter(this, plan, total, cancellationToken);

        // Files are independent, so they are written concurrently (in plan order as workers free up).
        // Every file's bytes depend only on its content, so the bundle is the same for any degree.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism ?? Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), parallel, async (i, ct) =>
        {
            var item = plan[i];
            var (size, hash) = await WriteFileAsync(root, item.Path, item.Write, ct).ConfigureAwait(false);
            files[i] = new ManifestFile
            {
                Path = item.Path,
                Kind = item.Kind,
                Name = item.Name,
                Export = item.Export,
                Split = item.Split,
                RowCount = item.Table?.RowCount,
                Columns = item.Table?.Schema.Columns.Select(c => new ManifestColumn(c.Name, c.Type, c.Nullable)).ToArray(),
                Exposure = item.Kind == BundleFileKind.Table && item.Table is { } table ? ManifestExposure.Of(table.Schema) : null,
                SizeBytes = size,
                Sha256 = hash,
            };
            reporter.Completed(i);
        }).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        var written = plan.Select(p => p.Path).ToList();
        var manifest = BuildManifest([.. files]);
        var manifestPath = BundleLayout.Manifest(_shard);
        await WriteFileAsync(root, manifestPath, (s, _) => WriteText(s, manifest.ToJson() + "\n"), cancellationToken).ConfigureAwait(false);
        written.Add(manifestPath);
        Report(written.Count, total, manifestPath);
        return (manifest, written);
    }

    private async Task<(long Size, string Hash)> WriteFileAsync(string root, string relative, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var full = BundleLayout.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.None);
        await using (file.ConfigureAwait(false))
        {
            using var hashing = new CountingHashStream(file, computeHash: true);
            await write(hashing, cancellationToken).ConfigureAwait(false);
            await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
            LogFileWritten(_logger, relative, hashing.BytesWritten);
            return (hashing.BytesWritten, hashing.FinishHash());
        }
    }

    private BundleManifest BuildManifest(List<ManifestFile> files)
    {
        var d = _bundle.Descriptor;
        var recipe = _bundle.Config.Recipe;
        using var config = JsonDocument.Parse(_bundle.Config.ToJson());
        return new BundleManifest
        {
            BundleSchemaVersion = LeadForgeInfo.BundleSchemaVersion,
            PackageVersion = d.PackageVersion,
            Scheme = d.Scheme,
            RecipeId = d.RecipeId,
            Seed = d.Seed,
            ExposureMode = d.ExposureMode,
            Difficulty = d.Difficulty,
            Population = d.Population,
            StartDate = recipe.StartDate,
            HorizonDays = recipe.HorizonDays,
            Shard = d.Shard,
            ConfigHash = d.ConfigHash,
            ResolvedConfig = config.RootElement.Clone(),
            GeneratedAt = _options.TimeProvider.GetUtcNow().UtcDateTime,
            Tasks = _bundle.Tasks.Select(t => new ManifestTask(t.Id, t.Train.RowCount, t.Valid.RowCount, t.Test.RowCount)).ToArray(),
            Exports = _bundle.Exports.Count == 0
                ? null
                : [.. _bundle.Exports.Select(e => new ManifestExport(e.Name, e.Description, [.. e.Tables.Select(t => t.Name)], [.. e.Documents.Select(d => d.FileName)]))],
            Files = files,
        };
    }

    private void CommitWholeWorld(string temp, string parent, TargetState before, CancellationToken cancellationToken)
    {
        TemporaryFolder.Unmark(temp);
        if (!Directory.Exists(_target))
        {
            before.RequireUnchanged(_target, locked: null);
            MoveInto(temp, before);
            return;
        }

        // Another save to the same folder commits under the same lock (on its manifest), so the check and
        // the exchange are one step for every LeadForge process: the first to commit wins, the other fails.
        string old;
        using (var locked = TargetState.LockForCommit(_target, cancellationToken))
        {
            // Checked again now: the folder may have changed while the bundle was being written.
            try
            {
                BundleTarget.Check(_target, shard: null, _options.Overwrite, locked);
            }
            catch (BundleWriteException ex)
            {
                throw new BundleWriteException($"The target changed during the save: {ex.Message}", ex);
            }

            before.RequireUnchanged(_target, locked);
            if (BundleTarget.IsEmpty(_target))
            {
                Directory.Delete(_target);
                MoveInto(temp, before);
                return;
            }

            old = DirectoryExchange.Replace(_target, temp, () => FreeSibling(parent, $".{Path.GetFileName(_target)}.old-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-"));
        }

        TryDeleteDirectory(old);
    }

    /// <summary>Renames the finished bundle to the (absent) target; a folder that appeared meanwhile is another save's.</summary>
    private void MoveInto(string temp, TargetState before)
    {
        try
        {
            Directory.Move(temp, _target);
        }
        catch (IOException) when (Directory.Exists(_target))
        {
            before.RequireUnchanged(_target, locked: null);
            throw;
        }
    }

    private void CommitShard(string temp, List<string> written)
    {
        Directory.CreateDirectory(_target);
        var moved = new List<string>(written.Count);
        try
        {
            foreach (var relative in written)
            {
                var destination = BundleLayout.Combine(_target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(BundleLayout.Combine(temp, relative), destination, overwrite: _options.Overwrite);
                moved.Add(destination);
            }
        }
        catch
        {
            foreach (var file in moved)
            {
                TryDeleteFile(file);
            }

            throw;
        }

        TryDeleteDirectory(temp);
    }

    private static string FreeSibling(string parent, string prefix)
    {
        for (var n = 0; ; n++)
        {
            var candidate = Path.Combine(parent, prefix + n.ToString(CultureInfo.InvariantCulture));
            if (!Directory.Exists(candidate) && !File.Exists(candidate))
            {
                return candidate;
            }
        }
    }

    private void Report(int done, int total, string path)
    {
        _options.Progress?.Report(new GenerationProgress(GenerationStage.Save, (double)done / total, path));
    }

    private static async Task WriteText(Stream stream, string text)
    {
        await stream.WriteAsync(Utf8NoBom.GetBytes(text)).ConfigureAwait(false);
    }

    private void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(_logger, path, ex);
        }
    }

    private void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(_logger, path, ex);
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Wrote {Path} ({Bytes} bytes)")]
    private static partial void LogFileWritten(ILogger logger, string path, long bytes);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Saved bundle to {Target}: {Files} files in {ElapsedMs:F1} ms")]
    private static partial void LogSaved(ILogger logger, string target, int files, double elapsedMs);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Could not remove {Path}")]
    private static partial void LogCleanupFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Removed {Path}, the temporary folder of an earlier save whose process is gone")]
    private static partial void LogStaleRemoved(ILogger logger, string path);

    /// <summary>
    /// Reports finished files in plan order (a file is reported once it and every file before it
    /// are written), so progress is the same sequence for any degree of parallelism; nothing is
    /// reported after cancellation.
    /// </summary>
    private sealed class OrderedReporter(BundleSaver saver, List<PlannedFile> plan, int total, CancellationToken cancellationToken)
    {
        private readonly Lock _gate = new();
        private readonly bool[] _done = new bool[plan.Count];
        private int _next;

        public void Completed(int index)
        {
            lock (_gate)
            {
                _done[index] = true;
                while (_next < _done.Length && _done[_next] && !cancellationToken.IsCancellationRequested)
                {
                    saver.Report(_next + 1, total, plan[_next].Path);
                    _next++;
                }
            }
        }
    }

    private sealed record PlannedFile(string Path, BundleFileKind Kind, string? Name, string? Split, Table? Table, Func<Stream, CancellationToken, Task> Write)
    {
        public string? Export { get; init; }
    }
}
