using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LeadForge.Cli.CommandLine;
using LeadForge.Rendering;
using LeadForge.Rendering.Json;

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
            var saved = await BundleReader.OpenAsync(path, ct).ConfigureAwait(false);
            var tasks = new List<TaskManifest>();
            foreach (var task in saved.Manifest.Tasks.Where(t => File.Exists(saved.PathOf($"tasks/{t.TaskId}/task_manifest.json"))))
            {
                tasks.Add(await saved.ReadTaskManifestAsync(task.TaskId, ct).ConfigureAwait(false));
            }

            var summary = BundleSummary.From(saved.Manifests, tasks);
            await console.Out.WriteAsync(parse.GetValue(json) ? summary.ToJson() : summary.ToText()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The facts <c>inspect</c> prints.</summary>
    internal sealed record BundleSummary(
        BundleManifest Manifest,
        int ShardCount,
        IReadOnlyList<(string Name, long Rows, int Columns, long Bytes, int Parts)> Tables,
        IReadOnlyList<(ManifestTask Task, TaskManifest? Details)> Tasks,
        int FileCount,
        long TotalBytes)
    {
        public static BundleSummary From(IReadOnlyList<BundleManifest> manifests, IReadOnlyList<TaskManifest> taskManifests)
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
                .Select(t => (t, taskManifests.FirstOrDefault(d => d.TaskId == t.TaskId)))
                .ToArray();
            return new BundleSummary(first, manifests.Count, tables, tasks, files.Length, files.Sum(f => f.SizeBytes));
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
            w.WriteLine($"calendar   start {m.StartDate:yyyy-MM-dd}, horizon {m.HorizonDays} days");
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
                    w.WriteLine($"  label      {d.LabelColumn} ({d.TaskType}{(d.LabelWindowDays is { } days ? $", window {days} days" : string.Empty)})");
                    w.WriteLine($"  anchor     {d.AnchorColumn}: {d.AnchorRule}{(d.AnchorOffsetDays is { } offset ? $" (day {offset})" : string.Empty)}");
                    w.WriteLine($"  split      {d.SplitStrategy.ToWire()} {Fractions(d.Fractions)}");
                    if (d.DocumentedTraps.Count > 0)
                    {
                        w.WriteLine($"  traps      {string.Join(", ", d.DocumentedTraps)}");
                    }
                }
            }

            return w.ToString();
        }

        public string ToJson()
        {
            var m = Manifest;
            var document = new BundleSummaryDocument
            {
                Scheme = m.Scheme,
                RecipeId = m.RecipeId,
                PackageVersion = m.PackageVersion,
                BundleSchemaVersion = m.BundleSchemaVersion,
                Seed = m.Seed,
                ExposureMode = m.ExposureMode,
                Difficulty = m.Difficulty,
                Population = m.Population,
                ShardManifests = ShardCount,
                ConfigHash = m.ConfigHash,
                GeneratedAt = m.GeneratedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                FileCount = FileCount,
                TotalBytes = TotalBytes,
                Tables = [.. Tables.Select(t => new SummaryTable(t.Name, t.Rows, t.Columns, t.Bytes, t.Parts))],
                Tasks = [.. Tasks.Select(t => new SummaryTask(t.Task.TaskId, t.Task.TrainRows, t.Task.ValidRows, t.Task.TestRows, t.Details))],
            };
            return JsonSerializer.Serialize(document, BundleJsonContext.Bundle.BundleSummaryDocument) + "\n";
        }

        private static string Fractions(SplitFractions f) =>
            string.Join("/", new[] { f.Train, f.Valid, f.Test }.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + " (train/valid/test)";
    }
}
