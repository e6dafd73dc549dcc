using LeadForge.Rendering;
using LeadForge.Schemes;

namespace LeadForge.Tests.Rendering;

public class ShardedSaveTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Three_shards_share_one_folder_with_part_files_and_one_set_of_shared_files()
    {
        var path = _scratch["sharded"];
        var shards = Enumerable.Range(0, 3).Select(k => TinyWorlds.Generate(ExposureMode.ResearchInstructor, shard: new ShardSpec(k, 3))).ToArray();
        var manifests = new List<BundleManifest>();
        foreach (var shard in shards)
        {
            manifests.Add(await shard.SaveAsync(path, TinyWorlds.Options()));
        }

        var files = TinyWorlds.Files(path);
        Assert.That(files, Does.Contain("manifest.part-0.json").And.Contain("manifest.part-2.json").And.Not.Contain("manifest.json"));
        Assert.That(files.Where(f => f.StartsWith("tables/leads/", StringComparison.Ordinal)), Is.EqualTo(new[] { "tables/leads/part-0.parquet", "tables/leads/part-1.parquet", "tables/leads/part-2.parquet" }));
        Assert.That(files.Count(f => f.StartsWith("tasks/tiny_conversion/valid/", StringComparison.Ordinal)), Is.EqualTo(3));
        Assert.That(files.Count(f => f == "dataset_card.md" || f == "metadata/graph.json" || f == "tasks/tiny_conversion/task_manifest.json"), Is.EqualTo(3));
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);

        // Every shard's manifest inventories exactly its own files, and shard 0 also the shared ones.
        Assert.That(manifests.SelectMany(m => m.Files).Select(f => f.Path).Order(StringComparer.Ordinal), Is.EqualTo(files.Where(f => !f.StartsWith("manifest.", StringComparison.Ordinal))));
        Assert.That(manifests[1].Files.Select(f => f.Path), Is.All.Contain("part-1."));
        var loaded = await BundleManifest.LoadAsync(Path.Combine(path, "manifest.part-1.json"));
        Assert.That(loaded.Shard, Is.EqualTo(new ShardSpec(1, 3)));
        Assert.That(loaded.Tasks[0].TrainRows, Is.EqualTo(shards[1].Tasks[0].Train.RowCount));

        // Each part equals its shard, and the reader concatenates parts into the whole table.
        for (var k = 0; k < 3; k++)
        {
            await using var part = File.OpenRead(Path.Combine(path, $"tables/leads/part-{k}.parquet"));
            Assert.That((await BundleReader.ReadParquetAsync(part)).ComputeContentHash(), Is.EqualTo(shards[k].Tables["leads"].ComputeContentHash()));
        }

        var whole = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var union = await BundleReader.ReadTableAsync(path, "leads");
        Assert.That(union.RowCount, Is.EqualTo(whole.Tables["leads"].RowCount));
        Assert.That(union["lead_id"].AsString().ToArray().Order(StringComparer.Ordinal), Is.EqualTo(whole.Tables["leads"]["lead_id"].AsString().ToArray().Order(StringComparer.Ordinal)));
        var train = await BundleReader.ReadTaskSplitAsync(path, "tiny_conversion", "train");
        Assert.That(train.RowCount, Is.EqualTo(shards.Sum(s => s.Tasks[0].Train.RowCount)));
    }

    [Test]
    public async Task Saving_a_shard_again_is_refused_unless_overwrite()
    {
        var path = _scratch["sharded"];
        var shard = TinyWorlds.Generate(shard: new ShardSpec(1, 3));
        await TinyWorlds.Generate(shard: new ShardSpec(0, 3)).SaveAsync(path, TinyWorlds.Options());
        await shard.SaveAsync(path, TinyWorlds.Options());
        var before = TinyWorlds.Files(path).ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(path, f)));

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => shard.SaveAsync(path, TinyWorlds.Options()));
        Assert.That(ex!.Message, Does.Contain("shard 1/3").And.Contain("part-1"));
        Assert.That(TinyWorlds.Files(path), Is.EqualTo(before.Keys));
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);

        await shard.SaveAsync(path, new SaveOptions { Overwrite = true, TimeProvider = new FixedTimeProvider(FixedTimeProvider.Default.AddDays(1)) });
        Assert.That(TinyWorlds.Files(path), Is.EqualTo(before.Keys));
        Assert.That(File.ReadAllBytes(Path.Combine(path, "tables/leads/part-1.parquet")), Is.EqualTo(before["tables/leads/part-1.parquet"]));
        Assert.That(File.ReadAllBytes(Path.Combine(path, "manifest.part-1.json")), Is.Not.EqualTo(before["manifest.part-1.json"]), "the manifest was rewritten with the new generated_at");
        Assert.That(File.ReadAllBytes(Path.Combine(path, "manifest.part-0.json")), Is.EqualTo(before["manifest.part-0.json"]), "other shards are untouched");
    }

    [Test]
    public async Task Cancelling_a_shard_save_leaves_other_shards_and_no_part_of_its_own()
    {
        var path = _scratch["sharded"];
        await TinyWorlds.Generate(shard: new ShardSpec(0, 2)).SaveAsync(path, TinyWorlds.Options());
        var before = TinyWorlds.Files(path);
        using var cts = new CancellationTokenSource();

        await Assert.CatchAsync<OperationCanceledException>(() => TinyWorlds.Generate(shard: new ShardSpec(1, 2)).SaveAsync(path, TinyWorlds.Options(progress: new SyncProgress(_ => cts.Cancel())), cts.Token));
        Assert.That(TinyWorlds.Files(path), Is.EqualTo(before));
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task Loading_the_manifest_of_a_sharded_folder_names_the_shard_manifests()
    {
        var path = _scratch["sharded"];
        await TinyWorlds.Generate(shard: new ShardSpec(0, 2)).SaveAsync(path, TinyWorlds.Options());
        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => BundleManifest.LoadAsync(path));
        Assert.That(ex!.Message, Does.Contain("manifest.part-0.json"));
    }
}
