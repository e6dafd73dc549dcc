using LeadForge.Identifiers;
using LeadForge.Rendering;
using LeadForge.Tables;

namespace LeadForge.Tests.Rendering;

/// <summary>
/// The writers' fast paths (entity-id and code columns, pooled buffers, parallel save) must give
/// exactly the bytes of the plain path.
/// </summary>
public class CompactColumnWriterTests
{
    private static readonly TableSchema Events = new(
        "events",
        "One row per event.",
        [
            new ColumnSchema("event_id", ColumnType.String, false, "Id."),
            new ColumnSchema("lead_id", ColumnType.String, true, "Lead or null."),
            new ColumnSchema("kind", ColumnType.String, false, "Kind.", DictionaryEncoded: true),
            new ColumnSchema("outcome", ColumnType.String, true, "Outcome or null.", DictionaryEncoded: true),
            new ColumnSchema("label", ColumnType.String, true, "Label (not dictionary-encoded)."),
            new ColumnSchema("at", ColumnType.Timestamp, true, "When."),
        ],
        "event_id");

    private static readonly string[] Kinds = ["call", "email", "demo, onsite"];
    private static readonly string[] Outcomes = ["won", "lost \"hard\""];

    private static (Table Plain, Table Compact) Build(int rows)
    {
        var plain = new TableBuilder(Events);
        var compact = new TableBuilder(Events);
        var start = new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            var number = (i + 1) * 1000L + (i % 3);
            plain.Strings("event_id").Add(EntityId.Format("evt", number));
            compact.EntityIds("event_id", "evt").Add(number);

            if (i % 5 == 2)
            {
                plain.Strings("lead_id").Add(null);
                compact.EntityIds("lead_id", "lead").AddNull();
            }
            else
            {
                plain.Strings("lead_id").Add(EntityId.Format("lead", (i / 2) + 1));
                compact.EntityIds("lead_id", "lead").Add((i / 2) + 1);
            }

            plain.Strings("kind").Add(Kinds[(i * 5) % 3]);
            compact.Codes("kind", Kinds).Add((i * 5) % 3);

            var outcome = i % 4;
            plain.Strings("outcome").Add(outcome < 2 ? Outcomes[outcome] : null);
            if (outcome < 2)
            {
                compact.Codes("outcome", Outcomes).Add(outcome);
            }
            else
            {
                compact.Codes("outcome", Outcomes).AddNull();
            }

            var label = i % 3 == 0 ? null : Kinds[i % 3];
            plain.Strings("label").Add(label);
            if (label is null)
            {
                compact.Codes("label", Kinds).AddNull();
            }
            else
            {
                compact.Codes("label", Kinds).Add(Array.IndexOf(Kinds, label));
            }

            DateTime? at = i % 7 == 3 ? null : start.AddMinutes(i * 37).AddTicks(i * 10);
            plain.Values<DateTime>("at").Add(at);
            compact.Values<DateTime>("at").Add(at);
        }

        return (plain.Build(), compact.Build());
    }

    [TestCase(1_000, 300)]
    [TestCase(257, 100_000)]
    [TestCase(0, 10)]
    public async Task Compact_columns_write_the_same_parquet_and_csv_bytes_as_plain_strings(int rows, int rowGroupSize)
    {
        var (plain, compact) = Build(rows);
        Assert.That(compact["event_id"].AsString().IsEntityIdEncoded, Is.EqualTo(rows > 0));
        Assert.That(compact["label"].AsString().IsDictionaryEncoded, Is.False);

        Assert.That(await ParquetBytes(compact, rowGroupSize), Is.EqualTo(await ParquetBytes(plain, rowGroupSize)));
        Assert.That(await CsvBytes(compact), Is.EqualTo(await CsvBytes(plain)));

        using var stream = new MemoryStream(await ParquetBytes(compact, rowGroupSize));
        var read = await BundleReader.ReadParquetAsync(stream);
        Assert.That(read.ComputeContentHash(), Is.EqualTo(plain.ComputeContentHash()));
    }

    [Test]
    public async Task Local_timestamps_are_written_as_utc_wall_clock_like_before()
    {
        var schema = new TableSchema("t", "", [new ColumnSchema("at", ColumnType.Timestamp, true, "")]);
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var mixed = new Table(schema, [Column.FromValues(schema.Columns[0], [utc, DateTime.SpecifyKind(utc, DateTimeKind.Local), default], [false, false, true])]);
        var allUtc = new Table(schema, [Column.FromValues(schema.Columns[0], [utc, utc, default], [false, false, true])]);
        Assert.That(await ParquetBytes(mixed, 2), Is.EqualTo(await ParquetBytes(allUtc, 2)));
    }

    [Test]
    public async Task Save_gives_the_same_files_and_progress_for_any_degree_of_parallelism()
    {
        using var scratch = new ScratchFolder();
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var runs = new List<(string Manifest, string[] Files, List<string?> Reports)>();
        foreach (var degree in new[] { 1, 4 })
        {
            var reports = new List<string?>();
            var path = scratch[$"dop{degree}"];
            await bundle.SaveAsync(path, new SaveOptions
            {
                TimeProvider = new FixedTimeProvider(),
                MaxDegreeOfParallelism = degree,
                RowGroupSize = 50,
                IncludeCsvCopies = true,
                Progress = new SyncProgress(p => reports.Add(p.Detail)),
            });
            runs.Add((await File.ReadAllTextAsync(Path.Combine(path, "manifest.json")), TinyWorlds.Files(path), reports));
        }

        Assert.That(runs[1].Files, Is.EqualTo(runs[0].Files));
        Assert.That(runs[1].Manifest, Is.EqualTo(runs[0].Manifest), "every file's hash and size is listed in the manifest");
        Assert.That(runs[1].Reports, Is.EqualTo(runs[0].Reports));
    }

    [Test]
    public async Task A_non_positive_degree_of_parallelism_is_refused()
    {
        using var scratch = new ScratchFolder();
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TinyWorlds.Generate().SaveAsync(scratch["x"], new SaveOptions { MaxDegreeOfParallelism = 0 }));
        Assert.That(ex!.Message, Does.Contain("MaxDegreeOfParallelism"));
        Assert.That(Directory.EnumerateFileSystemEntries(scratch.Root), Is.Empty);
    }

    [TestCase(1)]
    [TestCase(4)]
    public async Task A_file_that_fails_mid_save_fails_the_save_and_leaves_nothing(int degree)
    {
        using var scratch = new ScratchFolder();
        var tiny = TinyWorlds.Generate();
        var text = new ColumnSchema("text", ColumnType.String, false, "");
        var broken = new Table(new TableSchema("broken", "", [text]), [Column.FromStrings(text, ["fine", "\uD800 is a lone surrogate"])]);
        var bundle = new WorldBundle(tiny.Descriptor, tiny.Config, [.. tiny.Tables, broken, .. tiny.Tables.Select(t => new Table(t.Schema.WithName(t.Name + "_copy"), t.Columns))], [.. tiny.Tasks], tiny.DatasetCard, tiny.FeatureDictionary, tiny.Truth);
        var path = scratch["world"];

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => bundle.SaveAsync(path, new SaveOptions { Format = TableFormat.Csv, MaxDegreeOfParallelism = degree }));
        Assert.That(ex!.Message, Does.Contain(path));
        Assert.That(Directory.Exists(path), Is.False);
        Assert.That(TinyWorlds.Leftovers(scratch.Root), Is.Empty);
    }

    private static async Task<byte[]> ParquetBytes(Table table, int rowGroupSize)
    {
        using var stream = new MemoryStream();
        await table.WriteParquetAsync(stream, rowGroupSize);
        return stream.ToArray();
    }

    private static async Task<byte[]> CsvBytes(Table table)
    {
        using var stream = new MemoryStream();
        await table.WriteCsvAsync(stream);
        return stream.ToArray();
    }
}
