using BenchmarkDotNet.Attributes;
using LeadForge;
using LeadForge.Identifiers;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Rendering;
using LeadForge.Tables;

namespace LeadForge.Benchmarks;

/// <summary>The table writers over every table and task split of a generated bundle (to a null stream, so no disk).</summary>
[MemoryDiagnoser]
public class TableWriterBenchmarks
{
    private Table[] _tables = [];

    [Params(5_000, 100_000)]
    public int Leads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var bundle = Workload.Generate(Leads);
        _tables = [.. bundle.Tables, .. bundle.Tasks.SelectMany(t => new[] { t.Train, t.Valid, t.Test })];
    }

    [Benchmark(Description = "Parquet writer, all tables")]
    public async Task Parquet()
    {
        foreach (var table in _tables)
        {
            await table.WriteParquetAsync(Stream.Null);
        }
    }

    [Benchmark(Description = "CSV writer, all tables")]
    public async Task Csv()
    {
        foreach (var table in _tables)
        {
            await table.WriteCsvAsync(Stream.Null);
        }
    }

    [Benchmark(Description = "Content hash, all tables")]
    public int ContentHash()
    {
        var acc = 0;
        foreach (var table in _tables)
        {
            acc ^= table.ComputeContentHash()[0];
        }

        return acc;
    }
}

/// <summary>The save stage: a generated bundle written as Parquet to a fresh folder (files, hashes, manifest).</summary>
[MemoryDiagnoser]
public class SaveBenchmarks
{
    private WorldBundle _bundle = null!;
    private string _root = string.Empty;
    private int _run;

    [Params(5_000, 100_000)]
    public int Leads { get; set; }

    [Params(1, 2)]
    public int Degree { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bundle = Workload.Generate(Leads);
        _root = Directory.CreateTempSubdirectory("leadforge-bench-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [IterationCleanup]
    public void RemoveBundle()
    {
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Benchmark(Description = "SaveAsync (Parquet)")]
    public Task<BundleManifest> Save() =>
        _bundle.SaveAsync(Path.Combine(_root, $"b{_run++}"), new SaveOptions { MaxDegreeOfParallelism = Degree });
}

/// <summary>
/// Building and writing an event table (ids, a foreign key, three categories, a timestamp) from
/// formatted strings versus the compact buffers (entity-id numbers and category codes).
/// </summary>
[MemoryDiagnoser]
public class CompactColumnBenchmarks
{
    private static readonly string[] Types = ["email", "call", "linkedin_message", "content_download", "webinar", "form_fill"];
    private static readonly string[] Channels = ["paid_search", "organic", "events", "partner", "outbound"];
    private static readonly string[] Directions = ["inbound", "outbound"];

    private static readonly TableSchema Schema = new("touches", "Touches.",
    [
        new ColumnSchema("touch_id", ColumnType.String, false, "Id."),
        new ColumnSchema("lead_id", ColumnType.String, false, "Lead."),
        new ColumnSchema("touch_timestamp", ColumnType.Timestamp, false, "When."),
        new ColumnSchema("touch_type", ColumnType.String, false, "Type.", DictionaryEncoded: true),
        new ColumnSchema("touch_channel", ColumnType.String, false, "Channel.", DictionaryEncoded: true),
        new ColumnSchema("touch_direction", ColumnType.String, false, "Direction.", DictionaryEncoded: true),
    ]);

    private Table _plain = null!;
    private Table _compact = null!;

    private static void Sequential(int count, Action<int> body)
    {
        for (var i = 0; i < count; i++)
        {
            body(i);
        }
    }

    [Params(5_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plain = BuildPlain();
        _compact = BuildCompact();
    }

    [Benchmark(Baseline = true, Description = "Build from formatted strings")]
    public Table BuildPlain()
    {
        var touchIds = new string?[Rows];
        var leadIds = new string?[Rows];
        var at = new DateTime[Rows];
        var types = new string?[Rows];
        var channels = new string?[Rows];
        var directions = new string?[Rows];
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            var lead = (i / 6) + 1;
            touchIds[i] = EntityId.Format(EntityPrefixes.Touch, (lead * 1000L) + (i % 6) + 1);
            leadIds[i] = EntityId.Format(EntityPrefixes.Lead, lead);
            at[i] = start.AddSeconds(i * 97L);
            types[i] = Types[i % Types.Length];
            channels[i] = Channels[(i / 3) % Channels.Length];
            directions[i] = Directions[i % 2];
        }

        var set = new ColumnSet(Schema);
        set.Strings("touch_id", touchIds);
        set.Strings("lead_id", leadIds);
        set.Values("touch_timestamp", at);
        set.Strings("touch_type", types);
        set.Strings("touch_channel", channels);
        set.Strings("touch_direction", directions);
        return set.Build(Sequential);
    }

    [Benchmark(Description = "Build from id numbers and codes")]
    public Table BuildCompact()
    {
        var types = Categories.Of(Types);
        var channels = Categories.Of(Channels);
        var directions = Categories.Of(Directions);
        var touchIds = new IdBuffer(Rows, ((((Rows - 1) / 6) + 1) * 1000L) + 6);
        var leadIds = new IdBuffer(Rows, ((Rows - 1) / 6) + 1);
        var at = new DateTime[Rows];
        var type = new CodeBuffer(Rows, types);
        var channel = new CodeBuffer(Rows, channels);
        var direction = new CodeBuffer(Rows, directions);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            var lead = (i / 6) + 1;
            touchIds.Set(i, (lead * 1000L) + (i % 6) + 1);
            leadIds.Set(i, lead);
            at[i] = start.AddSeconds(i * 97L);
            type.Set(i, i % Types.Length);
            channel.Set(i, (i / 3) % Channels.Length);
            direction.Set(i, i % 2);
        }

        var set = new ColumnSet(Schema);
        set.Ids("touch_id", EntityPrefixes.Touch, touchIds);
        set.Ids("lead_id", EntityPrefixes.Lead, leadIds);
        set.Values("touch_timestamp", at);
        set.Codes("touch_type", types, type);
        set.Codes("touch_channel", channels, channel);
        set.Codes("touch_direction", directions, direction);
        return set.Build(Sequential);
    }

    [Benchmark(Description = "Parquet, plain strings")]
    public Task WritePlain() => _plain.WriteParquetAsync(Stream.Null);

    [Benchmark(Description = "Parquet, entity ids + codes")]
    public Task WriteCompact() => _compact.WriteParquetAsync(Stream.Null);
}
