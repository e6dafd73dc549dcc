using LeadForge.Rendering;

namespace LeadForge.Tests.Rendering;

/// <summary><see cref="BundleReader.OpenAsync"/>: the manifest up front, everything else on demand.</summary>
public class SavedBundleTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Open_reads_back_the_manifest_task_manifests_and_tables_of_a_saved_world()
    {
        var path = _scratch["world"];
        var bundle = TinyWorlds.Generate(seed: 4, leads: 40);
        await bundle.SaveAsync(path, TinyWorlds.Options());

        var saved = await BundleReader.OpenAsync(path);

        Assert.That(saved.IsSharded, Is.False);
        Assert.That(saved.MissingShards, Is.Empty);
        Assert.That(saved.TableNames, Is.EqualTo(bundle.Tables.Names));
        Assert.That(saved.TaskIds, Is.EqualTo(bundle.Tasks.Names));
        var task = bundle.Tasks[0];
        var manifest = await saved.ReadTaskManifestAsync(task.Id);
        Assert.That(manifest with { DocumentedTraps = [], RowCounts = null }, Is.EqualTo(task.Manifest with { DocumentedTraps = [] }));
        Assert.That(manifest.RowCounts, Is.EqualTo(new SplitRowCounts(task.Train.RowCount, task.Valid.RowCount, task.Test.RowCount)), "a saved whole world records its split sizes");
        Assert.That(manifest.DocumentedTraps, Is.EqualTo(task.Manifest.DocumentedTraps));
        Assert.That((await saved.ReadTableAsync(bundle.Tables[0].Name)).RowCount, Is.EqualTo(bundle.Tables[0].RowCount));
        Assert.That((await saved.ReadTaskSplitAsync(task.Id, "test")).RowCount, Is.EqualTo(task.Test.RowCount));
    }

    [Test]
    public async Task Open_of_a_broken_task_manifest_fails_only_when_it_is_read()
    {
        var path = _scratch["world"];
        var bundle = TinyWorlds.Generate(seed: 4, leads: 40);
        await bundle.SaveAsync(path, TinyWorlds.Options());
        var id = bundle.Tasks[0].Id;
        await File.WriteAllTextAsync(Path.Combine(path, "tasks", id, "task_manifest.json"), "{ \"task_id\": 3 }");

        var saved = await BundleReader.OpenAsync(path);

        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => saved.ReadTaskManifestAsync(id)))!.Message, Does.Contain("malformed"));
    }

    [Test]
    public async Task A_bundle_with_a_named_export_saves_reads_back_and_validates()
    {
        var path = _scratch["world"];
        var world = TinyWorlds.Generate(seed: 4, leads: 40);
        var leads = world.Tables["leads"];
        var pairs = new LeadForge.Tables.Table(leads.Schema.WithName("pairs", "Toy pairs: one row per lead."), leads.Columns);
        var bundle = world.WithExport(new BundleExport("toy_pairs", "A small export used by the tests.", [pairs], [new MetadataDocument("about.json", "{\"pairs\": true}\n")]));

        var written = await bundle.SaveAsync(path, TinyWorlds.Options());

        Assert.That(File.Exists(Path.Combine(path, "exports", "toy_pairs", "pairs.parquet")), Is.True);
        Assert.That(written.Exports!.Select(e => e.Name), Is.EqualTo(new[] { "source_records", "toy_pairs" }), "the tiny scheme's own export, then the added one");
        var saved = await BundleReader.OpenAsync(path);
        Assert.That(saved.Exports.Single(e => e.Name == "toy_pairs").Tables, Is.EqualTo(new[] { "pairs" }));
        Assert.That(saved.Files.Where(f => f.Export == "toy_pairs").Select(f => f.Kind), Is.EquivalentTo(new[] { BundleFileKind.ExportTable, BundleFileKind.ExportDocument }));
        Assert.That((await saved.ReadExportTableAsync("toy_pairs", "pairs")).ComputeContentHash(), Is.EqualTo(pairs.ComputeContentHash()));
        Assert.That(await saved.ReadExportDocumentAsync("toy_pairs", "about.json"), Is.EqualTo("{\"pairs\": true}\n"));
        Assert.That(saved.TableNames, Has.No.Member("pairs"), "export tables are not relational tables");

        var report = await new LeadForge.Validation.BundleValidator(new LeadForge.Validation.ValidationOptions { RunBaselines = false }).ValidateAsync(path);
        Assert.That(report.Passed, Is.True, () => report.ToText());
        Assert.That(report.Find("structure.file.exports/toy_pairs/pairs.parquet")!.Passed, Is.True);

        // A bundle with an export is still a bundle an overwrite may replace.
        Assert.That(async () => await bundle.SaveAsync(path, TinyWorlds.Options(overwrite: true)), Throws.Nothing);
    }

    [Test]
    public async Task A_pair_task_manifest_with_no_label_window_round_trips_and_omits_the_fields_it_does_not_use()
    {
        var path = _scratch["world"];
        var world = TinyWorlds.Generate(seed: 4, leads: 40);
        var task = world.Tasks[0];
        var keys = task.Train.Schema.Columns.Take(2).Select(c => c.Name).ToArray();
        var pair = task with
        {
            Manifest = task.Manifest with
            {
                TaskType = "pair_classification",
                EntityKeyColumn = keys[0],
                PairKeyColumns = keys,
                AnchorPolicy = AnchorPolicy.None,
                LabelWindowDays = null,
            },
        };
        var bundle = new WorldBundle(world.Descriptor, world.Config, world.Tables, [pair], world.DatasetCard, world.FeatureDictionary, world.Truth);
        await bundle.SaveAsync(path, TinyWorlds.Options());

        var text = await File.ReadAllTextAsync(Path.Combine(path, "tasks", task.Id, "task_manifest.json"));
        Assert.That(text, Does.Contain("\"anchor_policy\": \"none\"").And.Contain("\"pair_key_columns\"").And.Not.Contain("label_window_days"));
        var read = await (await BundleReader.OpenAsync(path)).ReadTaskManifestAsync(task.Id);
        Assert.That(read.PairKeyColumns, Is.EqualTo(keys));
        Assert.That(read.EntityKeyColumn, Is.EqualTo(keys[0]));
        Assert.That(read.AnchorPolicy, Is.EqualTo(AnchorPolicy.None));
        Assert.That(read.LabelWindowDays, Is.Null);

        var unset = world.Tasks[0] with { Manifest = world.Tasks[0].Manifest with { EntityKeyColumn = null, AnchorPolicy = null } };
        var plain = await File.ReadAllTextAsync(await SavePlain(new WorldBundle(world.Descriptor, world.Config, world.Tables, [unset], world.DatasetCard, world.FeatureDictionary, world.Truth)));
        Assert.That(plain, Does.Contain("\"label_window_days\"").And.Not.Contain("anchor_policy").And.Not.Contain("pair_key_columns").And.Not.Contain("entity_key_column"));
    }

    private async Task<string> SavePlain(WorldBundle world)
    {
        var path = _scratch["plain"];
        await world.SaveAsync(path, TinyWorlds.Options());
        return Path.Combine(path, "tasks", world.Tasks[0].Id, "task_manifest.json");
    }
}
