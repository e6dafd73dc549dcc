using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using LeadForge.Tests.TestSupport;
using LeadForge.Rendering;
using LeadForge.Tables;

namespace LeadForge.Tests.Rendering;

/// <summary>
/// File acceptance on the real lead-scoring world (1,500 leads) in both exposure modes: byte-identical
/// saves, manifest hashes of the bytes, Parquet.Net round trips, and DuckDB reading every data file.
/// </summary>
[TestFixture(ExposureMode.StudentPublic)]
[TestFixture(ExposureMode.ResearchInstructor)]
public class LeadScoringBundleFileTests(ExposureMode mode)
{
    private const int Leads = 1500;
    private const int RowGroupSize = 4096;
    private static readonly DateTimeOffset LaterClock = FixedTimeProvider.Default.AddDays(3).AddMinutes(7);

    private ScratchFolder _scratch = null!;
    private WorldBundle _bundle = null!;
    private BundleManifest _manifest = null!;
    private string _first = null!;
    private string _second = null!;

    private static WorldBundle Generate(ExposureMode mode) =>
        Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(99).WithExposure(mode).WithLeads(Leads).Generate();

    private static SaveOptions Options(DateTimeOffset now) => new()
    {
        TimeProvider = new FixedTimeProvider(now),
        IncludeCsvCopies = true,
        RowGroupSize = RowGroupSize,
    };

    [OneTimeSetUp]
    public async Task SaveTwice()
    {
        _scratch = new ScratchFolder();
        _bundle = Generate(mode);
        _first = _scratch["first"];
        _second = _scratch["second"];
        _manifest = await _bundle.SaveAsync(_first, Options(FixedTimeProvider.Default));

        // The second save is of a regenerated bundle (same inputs) at a different time.
        await Generate(mode).SaveAsync(_second, Options(LaterClock));
    }

    [OneTimeTearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Two_saves_of_the_same_world_give_byte_identical_files_and_manifests_differing_only_in_generated_at()
    {
        var files = TinyWorlds.Files(_first);
        Assert.That(TinyWorlds.Files(_second), Is.EqualTo(files));
        Assert.That(files, Does.Contain("tables/leads.parquet").And.Contain("tables/leads.csv").And.Contain($"tasks/{_bundle.Tasks[0].Id}/train.parquet"));
        foreach (var file in files.Where(f => f != BundleManifest.FileName))
        {
            Assert.That(await File.ReadAllBytesAsync(Path.Combine(_second, file)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(_first, file))), file);
        }

        var a = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_first, BundleManifest.FileName)))!.AsObject();
        var b = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_second, BundleManifest.FileName)))!.AsObject();
        Assert.That(DateTime.Parse(a["generated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), Is.EqualTo(FixedTimeProvider.Default.UtcDateTime));
        Assert.That(DateTime.Parse(b["generated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), Is.EqualTo(LaterClock.UtcDateTime));
        a.Remove("generated_at");
        b.Remove("generated_at");
        Assert.That(b.ToJsonString(), Is.EqualTo(a.ToJsonString()), "everything but generated_at is identical");
    }

    [Test]
    public async Task Manifest_inventories_every_file_with_the_sha256_and_size_of_its_bytes()
    {
        var onDisk = await BundleManifest.LoadAsync(_first);
        Assert.That(onDisk.ToJson(), Is.EqualTo(_manifest.ToJson()));
        Assert.That(onDisk.Files.Select(f => f.Path).Order(StringComparer.Ordinal), Is.EqualTo(TinyWorlds.Files(_first).Where(f => f != BundleManifest.FileName)));
        foreach (var file in onDisk.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_first, file.Path));
            Assert.That(file.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))), file.Path);
            Assert.That(file.SizeBytes, Is.EqualTo(bytes.Length), file.Path);
        }

        foreach (var (path, table) in DataFiles("parquet").Concat(DataFiles("csv")))
        {
            var entry = onDisk.Files.Single(f => f.Path == path);
            Assert.That(entry.RowCount, Is.EqualTo(table.RowCount), path);
            Assert.That(entry.Columns!.Select(c => (c.Name, c.Type, c.Nullable)), Is.EqualTo(table.Schema.Columns.Select(c => (c.Name, c.Type, c.Nullable))), path);
        }

        Assert.That(onDisk.Files.Any(f => f.Path.StartsWith("metadata/", StringComparison.Ordinal)), Is.EqualTo(mode == ExposureMode.ResearchInstructor), "hidden truth only in the instructor bundle");
    }

    [Test]
    public async Task Every_table_split_and_truth_table_reads_back_with_ParquetNet_equal_to_the_in_memory_table()
    {
        foreach (var table in _bundle.Tables)
        {
            var read = await BundleReader.ReadTableAsync(_first, table.Name);
            Assert.That(read.Schema.Columns, Is.EqualTo(table.Schema.Columns), table.Name);
            Assert.That((read.Schema.PrimaryKey, read.Schema.ForeignKeys), Is.EqualTo((table.Schema.PrimaryKey, table.Schema.ForeignKeys)), table.Name);
            Assert.That(read.ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), table.Name);
        }

        foreach (var task in _bundle.Tasks)
        {
            foreach (var (split, table) in task.Splits)
            {
                var read = await BundleReader.ReadTaskSplitAsync(_first, task.Id, split);
                Assert.That(read.Schema.Columns, Is.EqualTo(table.Schema.Columns), split);
                Assert.That(read.ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), split);
            }
        }

        foreach (var table in _bundle.Truth?.Tables ?? [])
        {
            await using var stream = File.OpenRead(Path.Combine(_first, "metadata", table.Name + ".parquet"));
            var read = await BundleReader.ReadParquetAsync(stream);
            Assert.That(read.Schema.Columns, Is.EqualTo(table.Schema.Columns), table.Name);
            Assert.That(read.ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), table.Name);
        }
    }

    [Test]
    public void DuckDB_reads_every_parquet_file_with_row_counts_types_and_sampled_values()
    {
        using var duck = OpenDuckDb();
        var files = DataFiles("parquet").ToArray();
        Assert.That(files.Select(f => f.Path), Is.EquivalentTo(_manifest.Files.Where(f => f.Path.EndsWith(".parquet", StringComparison.Ordinal)).Select(f => f.Path)), "every Parquet file of the bundle is checked");
        foreach (var (path, table) in files)
        {
            var full = Path.Combine(_first, path);
            Assert.That(Scalar(duck, $"SELECT count(*) FROM read_parquet('{full}')"), Is.EqualTo(table.RowCount), path);
            var types = duck.Rows($"DESCRIBE SELECT * FROM read_parquet('{full}')").Select(r => ((string)r[0]!, (string)r[1]!)).ToArray();
            Assert.That(types, Is.EqualTo(table.Schema.Columns.Select(c => (c.Name, DuckDbReadTests.DuckType(c.Type)))), path);
            var groups = Scalar(duck, $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{full}')");
            Assert.That(groups, Is.EqualTo(Math.Max(1, (table.RowCount + RowGroupSize - 1) / RowGroupSize)), $"{path}: bounded row groups");
            AssertSampledValues(duck, $"read_parquet('{full}', file_row_number = true)", "file_row_number", table, path);
        }
    }

    [Test]
    public void DuckDB_parses_every_csv_copy_with_the_declared_column_types_and_sampled_values()
    {
        using var duck = OpenDuckDb();
        var files = DataFiles("csv").ToArray();
        Assert.That(files, Is.Not.Empty);
        foreach (var (path, table) in files)
        {
            var full = Path.Combine(_first, path);
            var columns = string.Join(", ", table.Schema.Columns.Select(c => $"'{c.Name}': '{DuckDbReadTests.DuckType(c.Type)}'"));
            var source = $"(SELECT *, row_number() OVER () - 1 AS line FROM read_csv('{full}', header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {{{columns}}}))";
            Assert.That(Scalar(duck, $"SELECT count(*) FROM {source}"), Is.EqualTo(table.RowCount), path);
            AssertSampledValues(duck, source, "line", table, path);
        }

        var dictionary = Path.Combine(_first, "feature_dictionary.csv");
        Assert.That(Scalar(duck, $"SELECT count(*) FROM read_csv_auto('{dictionary}')"), Is.EqualTo(_bundle.FeatureDictionary.Count));
    }

    /// <summary>Every data file the bundle should hold in the given format, with its in-memory table.</summary>
    private IEnumerable<(string Path, Table Table)> DataFiles(string extension)
    {
        foreach (var table in _bundle.Tables)
        {
            yield return ($"tables/{table.Name}.{extension}", table);
        }

        foreach (var task in _bundle.Tasks)
        {
            foreach (var (split, table) in task.Splits)
            {
                yield return ($"tasks/{task.Id}/{split}.{extension}", table);
            }
        }

        if (extension == "parquet")
        {
            foreach (var table in _bundle.Truth?.Tables ?? [])
            {
                yield return ($"metadata/{table.Name}.parquet", table);
            }
        }
    }

    /// <summary>Compares about 60 rows spread over the file (always the first and the last) with the in-memory table, cell by cell.</summary>
    private static void AssertSampledValues(DuckDBConnection duck, string source, string rowNumber, Table table, string path)
    {
        if (table.RowCount == 0)
        {
            return;
        }

        var step = Math.Max(1, table.RowCount / 60);
        var select = string.Join(", ", table.Schema.Columns.Select(c => c.Type switch
        {
            ColumnType.Timestamp => $"strftime(\"{c.Name}\", '%Y-%m-%dT%H:%M:%S.%fZ')",
            ColumnType.Date => $"strftime(\"{c.Name}\", '%Y-%m-%d')",
            _ => $"\"{c.Name}\"",
        }));
        var rows = duck.Rows($"SELECT {rowNumber}, {select} FROM {source} WHERE {rowNumber} % {step} = 0 OR {rowNumber} = {table.RowCount - 1} ORDER BY {rowNumber}");
        Assert.That(rows, Has.Count.GreaterThanOrEqualTo(Math.Min(table.RowCount, 2)), path);
        foreach (var row in rows)
        {
            var r = Convert.ToInt32(row[0], CultureInfo.InvariantCulture);
            for (var c = 0; c < table.Columns.Count; c++)
            {
                object? expected = table.Columns[c].GetValue(r) switch
                {
                    null => null,
                    DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    var v => v,
                };
                Assert.That(row[c + 1], Is.EqualTo(expected), $"{path} row {r} column {table.Columns[c].Name}");
            }
        }
    }

    private static DuckDBConnection OpenDuckDb()
    {
        var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        return duck;
    }

    private static long Scalar(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
