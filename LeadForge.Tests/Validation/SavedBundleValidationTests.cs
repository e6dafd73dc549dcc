using System.Text.Json.Nodes;
using LeadForge.Rendering;
using LeadForge.Schemes;
using LeadForge.Tests.Rendering;
using LeadForge.Validation;
using LeadForge.Validation.Views;

namespace LeadForge.Tests.Validation;

/// <summary><see cref="BundleValidator.ValidateAsync"/> on saved folders of the tiny world: layouts, damage and unreadable folders.</summary>
public class SavedBundleValidationTests
{
    private static readonly ValidationOptions Fast = new() { RunBaselines = false };
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    private async Task<(string Path, BundleManifest Manifest)> SaveTiny(ExposureMode mode = ExposureMode.ResearchInstructor, bool csvCopies = false)
    {
        var path = _scratch["bundle"];
        var manifest = await BundleEdits.Tiny(mode).SaveAsync(path, TinyWorlds.Options(csvCopies: csvCopies));
        return (path, manifest);
    }

    [Test]
    public async Task A_public_bundle_whose_manifest_marks_a_present_table_instructor_only_fails()
    {
        var (path, _) = await SaveTiny(ExposureMode.StudentPublic);
        var file = Path.Combine(path, BundleManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var accounts = manifest["files"]!.AsArray().First(f => (string?)f!["kind"] == "table" && (string?)f["name"] == "accounts")!;
        Assert.That((string?)accounts["exposure"]!["level"], Is.EqualTo("public"), "the saver records each table's exposure");
        accounts["exposure"] = new JsonObject { ["level"] = "instructor_only", ["reason"] = "marked by the test" };
        await File.WriteAllTextAsync(file, manifest.ToJsonString());

        var report = await new BundleValidator(Fast).ValidateAsync(path);

        Assert.That(report.Find("exposure.banned_tables")!.Passed, Is.False);
        Assert.That(report.Find("exposure.banned_tables")!.Message, Does.Contain("accounts (marked by the test)"));
    }

    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public async Task Clean_saved_tiny_bundle_passes_with_one_passing_inventory_check_per_file(ExposureMode mode)
    {
        var (path, manifest) = await SaveTiny(mode);
        var report = await new BundleValidator().ValidateAsync(path);
        Assert.That(report.Passed, Is.True, () => report.ToText());
        Assert.That(report.Checks.Where(c => c.Id.StartsWith("structure.file.", StringComparison.Ordinal)).Select(c => c.Id["structure.file.".Length..]), Is.EquivalentTo(manifest.Files.Select(f => f.Path)));
        Assert.That(report.Find("structure.config_hash")!.Passed, Is.True);
        Assert.That(report.Find("difficulty.baseline.tiny_conversion.fast_tree"), Is.Not.Null);
        Assert.That(report.Find("structure.feature_dictionary.tiny_conversion")!.Passed, Is.True, "the feature dictionary was read back");
        Assert.That(report.Find("exposure.no_truth")?.Passed ?? true, Is.True);
    }

    [Test]
    public async Task Csv_copies_are_hashed_but_the_tables_are_read_from_parquet()
    {
        var (path, manifest) = await SaveTiny(csvCopies: true);
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        Assert.That(report.Passed, Is.True, () => report.ToText());
        Assert.That(manifest.Files.Select(f => f.Path), Does.Contain("tables/leads.csv"));
        Assert.That(report.Find("structure.file.tables/leads.csv")!.Passed, Is.True);

        File.AppendAllText(Path.Combine(path, "tables", "leads.csv"), "x");
        var damaged = await new BundleValidator(Fast).ValidateAsync(path);
        Assert.That(damaged.Find("structure.file.tables/leads.csv")!.Message, Does.Contain("content altered"));
        Assert.That(damaged.Find("structure.file.tables/leads.parquet")!.Passed, Is.True);
    }

    [Test]
    public async Task Missing_file_fails_its_inventory_check_and_the_rest_still_runs()
    {
        var (path, _) = await SaveTiny();
        File.Delete(Path.Combine(path, "tables", "accounts.parquet"));
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        var check = report.Find("structure.file.tables/accounts.parquet")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Is.EqualTo("tables/accounts.parquet: file is missing."));
        Assert.That(report.Find("structure.pk_unique.leads")!.Passed, Is.True, "the other tables are still checked");
        Assert.That(report.Find("structure.fk.leads.account_id")!.Passed, Is.False, "an instructor bundle must hold the referenced table");
    }

    [Test]
    public async Task Truncated_parquet_file_is_reported_unreadable_instead_of_throwing()
    {
        var (path, _) = await SaveTiny();
        var file = Path.Combine(path, "tasks", "tiny_conversion", "test.parquet");
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        var check = report.Find("structure.file.tasks/tiny_conversion/test.parquet")!;
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain("content altered").And.Contain("cannot be read as a Parquet table"));
        Assert.That(report.Checks.Any(c => c.Id.StartsWith("leakage.single_column.tiny_conversion", StringComparison.Ordinal)), Is.False, "a task with an unreadable split is not probed");
    }

    [Test]
    public async Task File_not_in_the_inventory_fails()
    {
        var (path, _) = await SaveTiny(ExposureMode.StudentPublic);
        File.Copy(Path.Combine(path, "tables", "accounts.parquet"), Path.Combine(path, "tables", "customers.parquet"));
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        var check = report.Find("structure.file.tables/customers.parquet")!;
        Assert.That(report.Passed, Is.False);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Is.EqualTo("tables/customers.parquet: not listed in the manifest inventory."));
    }

    [Test]
    public async Task Edited_resolved_config_no_longer_matches_the_recorded_hash()
    {
        var (path, manifest) = await SaveTiny();
        var file = Path.Combine(path, BundleManifest.FileName);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        json["resolved_config"]!["seed"] = 8;
        await File.WriteAllTextAsync(file, json.ToJsonString());
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        var check = report.Find("structure.config_hash")!;
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Message, Does.Contain($"recorded config hash {manifest.ConfigHash} differs"));
        Assert.That(LeadForge.Configuration.GenerationConfig.ComputeHash(manifest.ResolvedConfig), Is.EqualTo(manifest.ConfigHash), "canonical hashing matches GenerationConfig.ComputeHash");
    }

    [Test]
    public async Task Sharded_folder_is_validated_as_the_union_of_its_parts()
    {
        var path = _scratch["sharded"];
        for (var k = 0; k < 3; k++)
        {
            await TinyWorlds.Generate(ExposureMode.ResearchInstructor, seed: 7, leads: 600, shard: new ShardSpec(k, 3)).SaveAsync(path, TinyWorlds.Options());
        }

        var whole = TinyWorlds.Generate(ExposureMode.ResearchInstructor, seed: 7, leads: 600);
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        Assert.That(report.Passed, Is.True, () => report.ToText());
        Assert.That(report.Subject, Does.Contain("3 shard(s)"));
        Assert.That(report.Find("structure.file.tables/leads/part-2.parquet")!.Passed, Is.True);
        Assert.That(report.Find("structure.pk_unique.leads")!.Message, Does.Contain($"over {whole.Tables["leads"].RowCount:N0} rows"));

        File.Delete(Path.Combine(path, "manifest.part-1.json"));
        var partial = await new BundleValidator(Fast).ValidateAsync(path);
        Assert.That(partial.Passed, Is.False);
        Assert.That(partial.Find("structure.file.manifest.part-1.json")!.Message, Is.EqualTo("manifest.part-1.json: file is missing."));
        Assert.That(partial.Find("structure.file.tables/leads/part-1.parquet")!.Message, Does.Contain("not listed in the manifest inventory"));
    }

    [TestCase("seed", "999", "seed is 999 but the resolved config's seed is 7")]
    [TestCase("difficulty", "\"advanced\"", "difficulty is advanced but the resolved config's difficulty is intermediate")]
    [TestCase("population", "{\"accounts\": 60, \"leads\": 9000}", "population is {accounts=60, leads=9000} but the resolved config's population is {accounts=")]
    public async Task An_edited_manifest_field_is_caught_although_the_config_hash_still_matches(string field, string forged, string expected)
    {
        var path = _scratch["forged-" + field];
        await TinyWorlds.Generate(seed: 7).SaveAsync(path, TinyWorlds.Options());
        var manifestPath = Path.Combine(path, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!.AsObject();
        manifest[field] = System.Text.Json.Nodes.JsonNode.Parse(forged);
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        var report = await new BundleValidator(Fast).ValidateAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(report.Find("structure.config_hash")!.Passed, Is.True, "the hash covers the resolved config, which was not edited");
            Assert.That(report.Find("structure.manifest_fields")!.Passed, Is.False);
            Assert.That(report.Find("structure.manifest_fields")!.Message, Does.Contain("manifest.json: " + expected));
        });
    }

    [Test]
    public async Task An_unedited_manifest_passes_the_field_check()
    {
        var path = _scratch["honest"];
        await TinyWorlds.Generate(seed: 7).SaveAsync(path, TinyWorlds.Options());
        Assert.That((await new BundleValidator(Fast).ValidateAsync(path)).Find("structure.manifest_fields")!.Passed, Is.True);
    }

    [Test]
    public async Task Many_missing_shards_are_one_failed_check_naming_them()
    {
        var path = _scratch["one-of-many"];
        await TinyWorlds.Generate(seed: 7, leads: 600, shard: new ShardSpec(0, 20)).SaveAsync(path, TinyWorlds.Options());
        var report = await new BundleValidator(Fast).ValidateAsync(path);
        var missing = report.Checks.Where(c => c.Id.StartsWith("structure.file.manifest.part", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(report.Passed, Is.False);
            Assert.That(missing, Has.Length.EqualTo(1));
            Assert.That(missing[0].Message, Is.EqualTo("manifest.part-*.json: file is missing; 19 of 20 shard manifests are missing (parts 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …)."));
        });
    }

    [Test]
    public async Task Shards_of_different_worlds_in_one_folder_cannot_be_validated()
    {
        var path = _scratch["sharded"];
        await TinyWorlds.Generate(seed: 7, shard: new ShardSpec(0, 2)).SaveAsync(path, TinyWorlds.Options());
        await TinyWorlds.Generate(seed: 8, shard: new ShardSpec(1, 2)).SaveAsync(path, TinyWorlds.Options());
        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => new BundleValidator(Fast).ValidateAsync(path));
        Assert.That(ex!.Message, Does.Contain("not parts of one world").And.Contain("config hash"));
    }

    [Test]
    public async Task Missing_folder_cannot_be_validated()
    {
        var path = _scratch["nowhere"];
        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => new BundleValidator().ValidateAsync(path));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("does not exist"));
    }

    [Test]
    public async Task Folder_without_a_manifest_cannot_be_validated()
    {
        var path = _scratch["empty"];
        Directory.CreateDirectory(Path.Combine(path, "tables"));
        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => new BundleValidator().ValidateAsync(path));
        Assert.That(ex!.Message, Does.Contain("'manifest.json' is missing"));
        Assert.That(ex, Is.InstanceOf<LeadForgeException>());
    }

    [Test]
    public async Task Malformed_manifest_cannot_be_validated()
    {
        var (path, _) = await SaveTiny();
        await File.WriteAllTextAsync(Path.Combine(path, BundleManifest.FileName), "{ \"bundle_schema_version\": ");
        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => new BundleValidator().ValidateAsync(path));
        Assert.That(ex!.Message, Does.Contain("manifest.json").And.Contain("malformed"));
    }

    [Test]
    public async Task A_file_path_or_a_csv_only_bundle_cannot_be_validated()
    {
        var (path, _) = await SaveTiny();
        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => new BundleValidator().ValidateAsync(Path.Combine(path, BundleManifest.FileName)));
        Assert.That(ex!.Message, Does.Contain("is a file"));

        var csv = _scratch["csv"];
        await BundleEdits.Tiny(ExposureMode.StudentPublic).SaveAsync(csv, TinyWorlds.Options(format: TableFormat.Csv));
        var csvEx = await Assert.ThrowsAsync<BundleFormatException>(() => new BundleValidator().ValidateAsync(csv));
        Assert.That(csvEx!.Message, Does.Contain("CSV only"));
    }

    [Test]
    public async Task Cancellation_is_honoured()
    {
        var (path, _) = await SaveTiny();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        Assert.That(async () => await new BundleValidator().ValidateAsync(path, cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Csv_reader_handles_quotes_commas_newlines_and_empty_cells()
    {
        var rows = RfcCsv.Parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\"two\nlines\",\"\",z\n");
        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[1], Is.EqualTo(new[] { "x, y", "say \"hi\"", string.Empty }));
        Assert.That(rows[2], Is.EqualTo(new[] { "two\nlines", string.Empty, "z" }));
        Assert.That(() => RfcCsv.Parse("\"open"), Throws.InstanceOf<FormatException>());
    }
}
