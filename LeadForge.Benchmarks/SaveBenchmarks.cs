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
/// plain strings versus the compact appenders (entity ids and codes).
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

    [Params(5_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _plain = BuildPlain();
        _compact = BuildCompact();
    }

    [Benchmark(Baseline = true, Description = "Build with Strings()")]
    public Table BuildPlain()
    {
        var b = new TableBuilder(Schema, Rows);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            var lead = (i / 6) + 1;
            b.Strings("touch_id").Add(EntityId.Format(EntityPrefixes.Touch, (lead * 1000L) + (i % 6) + 1));
            b.Strings("lead_id").Add(EntityId.Format(EntityPrefixes.Lead, lead));
            b.Values<DateTime>("touch_timestamp").Add(start.AddSeconds(i * 97L));
            b.Strings("touch_type").Add(Types[i % Types.Length]);
            b.Strings("touch_channel").Add(Channels[(i / 3) % Channels.Length]);
            b.Strings("touch_direction").Add(Directions[i % 2]);
        }

        return b.Build();
    }

    [Benchmark(Description = "Build with EntityIds()/Codes()")]
    public Table BuildCompact()
    {
        var b = new TableBuilder(Schema, Rows);
        var touchId = b.EntityIds("touch_id", EntityPrefixes.Touch);
        var leadId = b.EntityIds("lead_id", EntityPrefixes.Lead);
        var at = b.Values<DateTime>("touch_timestamp");
        var type = b.Codes("touch_type", Types);
        var channel = b.Codes("touch_channel", Channels);
        var direction = b.Codes("touch_direction", Directions);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            var lead = (i / 6) + 1;
            touchId.Add((lead * 1000L) + (i % 6) + 1);
            leadId.Add(lead);
            at.Add(start.AddSeconds(i * 97L));
            type.Add(i % Types.Length);
            channel.Add((i / 3) % Channels.Length);
            direction.Add(i % 2);
        }

        return b.Build();
    }

    [Benchmark(Description = "Parquet, plain strings")]
    public Task WritePlain() => _plain.WriteParquetAsync(Stream.Null);

    [Benchmark(Description = "Parquet, entity ids + codes")]
    public Task WriteCompact() => _compact.WriteParquetAsync(Stream.Null);
}
