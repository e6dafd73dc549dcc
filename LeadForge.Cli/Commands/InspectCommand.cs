using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LeadForge.Cli.CommandLine;
using LeadForge.Rendering;

namespace LeadForge.Cli.Commands;

/// <summary>
/// <c>leadforge inspect BUNDLE [--json]</c>: what a saved bundle holds — its provenance, its table
/// inventory and its tasks — read from the manifest(s) and task manifests, without loading data.
/// A sharded folder (only <c>manifest.part-&lt;k&gt;.json</c> files) is summarised across its parts.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "The bundle folder (or a manifest file)." };
        var json = new Option<bool>("--json") { Description = "Write the summary as JSON." };
        var command = new Command("inspect", "Summarise a saved bundle: provenance, table inventory, tasks.") { bundle, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(bundle);
            var manifests = await LoadManifestsAsync(path, ct).ConfigureAwait(false);
            var root = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
            var tasks = await LoadTaskManifestsAsync(root, manifests[0], ct).ConfigureAwait(false);
            var summary = BundleSummary.From(manifests, tasks);
            await console.Out.WriteAsync(parse.GetValue(json) ? summary.ToJson() : summary.ToText()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Loads <c>manifest.json</c>, or every shard manifest of a sharded folder.</summary>
    internal static async Task<IReadOnlyList<BundleManifest>> LoadManifestsAsync(string path, CancellationToken ct)
    {
        if (Directory.Exists(path) && !File.Exists(Path.Combine(path, BundleManifest.FileName)))
        {
            var parts = Directory.GetFiles(path, "manifest.part-*.json").Order(StringComparer.Ordinal).ToArray();
            if (parts.Length > 0)
            {
                var loaded = new List<BundleManifest>(parts.Length);
                foreach (var part in parts)
                {
                    loaded.Add(await BundleManifest.LoadAsync(part, ct).ConfigureAwait(false));
                }

                return [.. loaded.OrderBy(m => m.Shard?.Index ?? 0)];
            }
        }

        return [await BundleManifest.LoadAsync(path, ct).ConfigureAwait(false)];
    }

    private static async Task<IReadOnlyList<JsonElement>> LoadTaskManifestsAsync(string root, BundleManifest manifest, CancellationToken ct)
    {
        var result = new List<JsonElement>();
        foreach (var task in manifest.Tasks)
        {
            var file = Path.Combine(root, "tasks", task.TaskId, "task_manifest.json");
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                var stream = File.OpenRead(file);
                await using (stream.ConfigureAwait(false))
                {
                    using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
                    result.Add(doc.RootElement.Clone());
                }
            }
            catch (JsonException ex)
            {
                throw new BundleFormatException($"The task manifest '{file}' is malformed: {ex.Message}", ex);
            }
        }

        return result;
    }

    /// <summary>The facts <c>inspect</c> prints.</summary>
    internal sealed record BundleSummary(
        BundleManifest Manifest,
        int ShardCount,
        IReadOnlyList<(string Name, long Rows, int Columns, long Bytes, int Parts)> Tables,
        IReadOnlyList<(ManifestTask Task, JsonElement? Details)> Tasks,
        int FileCount,
        long TotalBytes)
    {
        public static BundleSummary From(IReadOnlyList<BundleManifest> manifests, IReadOnlyList<JsonElement> taskManifests)
        {
            var first = manifests[0];
            var files = manifests.SelectMany(m => m.Files).DistinctBy(f => f.Path).ToArray();
            var tables = files.Where(f => f.Kind == BundleFileKind.Table && f.Name is not null)
                .GroupBy(f => f.Name!, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Sum(f => f.RowCount ?? 0), g.First().Columns?.Count ?? 0, g.Sum(f => f.SizeBytes), g.Count()))
                .OrderBy(t => t.Key, StringComparer.Ordinal)
                .ToArray();
            var tasks = first.Tasks
                .Select(t => new ManifestTask(
                    t.TaskId,
                    manifests.Sum(m => m.Tasks.FirstOrDefault(x => x.TaskId == t.TaskId)?.TrainRows ?? 0),
                    manifests.Sum(m => m.Tasks.FirstOrDefault(x => x.TaskId == t.TaskId)?.ValidRows ?? 0),
                    manifests.Sum(m => m.Tasks.FirstOrDefault(x => x.TaskId == t.TaskId)?.TestRows ?? 0)))
                .Select(t => (t, FindTaskManifest(taskManifests, t.TaskId)))
                .ToArray();
            return new BundleSummary(first, manifests.Count, tables, tasks, files.Length, files.Sum(f => f.SizeBytes));
        }

        private static JsonElement? FindTaskManifest(IReadOnlyList<JsonElement> taskManifests, string taskId)
        {
            foreach (var j in taskManifests)
            {
                if (j.TryGetProperty("task_id", out var id) && id.GetString() == taskId)
                {
                    return j;
                }
            }

            return null;
        }

        public string ToText()
        {
            var m = Manifest;
            var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
            w.WriteLine($"bundle     {m.RecipeId} ({m.Scheme}), LeadForge {m.PackageVersion}, bundle schema {m.BundleSchemaVersion}");
            w.WriteLine($"seed       {m.Seed}");
            w.WriteLine($"mode       {m.ExposureMode.ToWire()}");
            w.WriteLine($"difficulty {m.Difficulty.ToWire()}");
            w.WriteLine("population " + string.Join(", ", m.Population.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value:N0} {p.Key}"))));
            w.WriteLine($"calendar   start {m.StartDate:yyyy-MM-dd}, horizon {m.HorizonDays} days, snapshot day {m.SnapshotDay}, label window {m.LabelWindowDays} days");
            if (ShardCount > 1 || m.Shard is not null)
            {
                w.WriteLine($"shards     {ShardCount} part manifest(s) of {m.Shard?.Count ?? ShardCount}");
            }

            w.WriteLine($"config     sha256 {m.ConfigHash}");
            w.WriteLine($"generated  {m.GeneratedAt:yyyy-MM-ddTHH:mm:ssZ}");
            w.WriteLine($"files      {FileCount} ({TotalBytes:N0} bytes)");
            w.WriteLine();
            var width = Math.Max("table".Length, Tables.Count == 0 ? 0 : Tables.Max(t => t.Name.Length));
            w.WriteLine($"{"table".PadRight(width)}  {"rows",12}  {"columns",7}  {"bytes",12}");
            foreach (var t in Tables)
            {
                w.WriteLine($"{t.Name.PadRight(width)}  {t.Rows,12:N0}  {t.Columns,7}  {t.Bytes,12:N0}");
            }

            foreach (var (task, details) in Tasks)
            {
                w.WriteLine();
                w.WriteLine($"task {task.TaskId}: train {task.TrainRows:N0}, valid {task.ValidRows:N0}, test {task.TestRows:N0} rows");
                if (details is { } d)
                {
                    w.WriteLine($"  label      {Text(d, "label_column")} ({Text(d, "task_type")}, window {Text(d, "label_window_days")} days)");
                    w.WriteLine($"  anchor     {Text(d, "anchor_column")}: {Text(d, "anchor_rule")}");
                    w.WriteLine($"  split      {Text(d, "split_strategy")} {Fractions(d)}");
                    if (d.TryGetProperty("documented_traps", out var traps) && traps.ValueKind == JsonValueKind.Array && traps.GetArrayLength() > 0)
                    {
                        w.WriteLine($"  traps      {string.Join(", ", traps.EnumerateArray().Select(x => x.GetString()))}");
                    }
                }
            }

            return w.ToString();
        }

        public string ToJson()
        {
            var m = Manifest;
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
            {
                json.WriteStartObject();
                json.WriteString("scheme", m.Scheme);
                json.WriteString("recipe_id", m.RecipeId);
                json.WriteString("package_version", m.PackageVersion);
                json.WriteString("bundle_schema_version", m.BundleSchemaVersion);
                json.WriteNumber("seed", m.Seed);
                json.WriteString("exposure_mode", m.ExposureMode.ToWire());
                json.WriteString("difficulty", m.Difficulty.ToWire());
                json.WriteStartObject("population");
                foreach (var (entity, count) in m.Population)
                {
                    json.WriteNumber(entity, count);
                }

                json.WriteEndObject();
                json.WriteNumber("shard_manifests", ShardCount);
                json.WriteString("config_hash", m.ConfigHash);
                json.WriteString("generated_at", m.GeneratedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteNumber("file_count", FileCount);
                json.WriteNumber("total_bytes", TotalBytes);
                json.WriteStartArray("tables");
                foreach (var t in Tables)
                {
                    json.WriteStartObject();
                    json.WriteString("name", t.Name);
                    json.WriteNumber("rows", t.Rows);
                    json.WriteNumber("columns", t.Columns);
                    json.WriteNumber("bytes", t.Bytes);
                    json.WriteNumber("parts", t.Parts);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("tasks");
                foreach (var (task, details) in Tasks)
                {
                    json.WriteStartObject();
                    json.WriteString("task_id", task.TaskId);
                    json.WriteNumber("train_rows", task.TrainRows);
                    json.WriteNumber("valid_rows", task.ValidRows);
                    json.WriteNumber("test_rows", task.TestRows);
                    if (details is { } d)
                    {
                        json.WritePropertyName("task_manifest");
                        d.WriteTo(json);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        }

        private static string Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : v.GetRawText() : "?";

        private static string Fractions(JsonElement e) =>
            e.TryGetProperty("fractions", out var f) && f.ValueKind == JsonValueKind.Object
                ? string.Join("/", f.EnumerateObject().Select(p => p.Value.GetRawText())) + " (" + string.Join("/", f.EnumerateObject().Select(p => p.Name)) + ")"
                : string.Empty;
    }
}
