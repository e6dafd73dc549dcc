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
        Assert.That(manifest with { DocumentedTraps = [] }, Is.EqualTo(task.Manifest with { DocumentedTraps = [] }));
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
}
