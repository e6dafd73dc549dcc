using LeadForge.Identifiers;
using LeadForge.Rendering;
using LeadForge.Tables;
using LeadForge.Tests.TestSupport;

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
        var start = new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);
        var c = Events.Columns;
        var plain = new string?[5][];
        for (var k = 0; k < plain.Length; k++)
        {
            plain[k] = new string?[rows];
        }

        var eventIds = new long[rows];
        var leadIds = new int[rows];
        var kinds = new int[rows];
        var outcomes = new int[rows];
        var labels = new int[rows];
        var at = new DateTime?[rows];
        for (var i = 0; i < rows; i++)
        {
            eventIds[i] = (i + 1) * 1000L + (i % 3);
            plain[0][i] = EntityId.Format("evt", eventIds[i]);
            leadIds[i] = i % 5 == 2 ? 0 : (i / 2) + 1;
            plain[1][i] = leadIds[i] == 0 ? null : EntityId.Format("lead", leadIds[i]);
            kinds[i] = (i * 5) % 3;
            plain[2][i] = Kinds[kinds[i]];
            outcomes[i] = i % 4 < 2 ? i % 4 : -1;
            plain[3][i] = outcomes[i] < 0 ? null : Outcomes[outcomes[i]];
            labels[i] = i % 3 == 0 ? -1 : i % 3;
            plain[4][i] = labels[i] < 0 ? null : Kinds[labels[i]];
            at[i] = i % 7 == 3 ? null : start.AddMinutes(i * 37).AddTicks(i * 10);
        }

        var times = NullableColumn.Of(c[5], at);
        var plainTable = new Table(Events, [.. plain.Select((values, k) => (Column)Column.FromStrings(c[k], values)), times]);
        var compactTable = new Table(Events, [
            Column.FromEntityIds(c[0], "evt", eventIds),
            Column.FromEntityIds(c[1], "lead", leadIds),
            Column.FromCodes(c[2], Kinds, kinds),
            Column.FromCodes(c[3], Outcomes, outcomes),
            Column.FromCodes(c[4], Kinds, labels),
            times,
        ]);
        return (plainTable, compactTable);
    }

    [TestCase(1_000, 300)]
    [TestCase(257, 100_000)]
    [TestCase(0, 10)]
    public async Task Compact_columns_write_the_same_parquet_and_csv_bytes_as_plain_strings(int rows, int rowGroupSize)
    {
        var (plain, compact) = Build(rows);
        Assert.That(compact["event_id"].AsString().IsEntityIdEncoded, Is.True);
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
