using LeadForge.Rendering;

namespace LeadForge.Tests.Rendering;

public class AtomicSaveTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Cancellation_after_the_first_file_leaves_neither_target_nor_temp_folder()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var path = _scratch["world"];
        using var cts = new CancellationTokenSource();
        var reports = 0;
        var progress = new SyncProgress(_ =>
        {
            reports++;
            cts.Cancel();
        });

        await Assert.CatchAsync<OperationCanceledException>(() => bundle.SaveAsync(path, TinyWorlds.Options(progress: progress), cts.Token));
        Assert.That(reports, Is.EqualTo(1));
        Assert.That(Directory.Exists(path), Is.False);
        Assert.That(Directory.EnumerateFileSystemEntries(_scratch.Root), Is.Empty, "no temporary sibling is left");
    }

    [Test]
    public async Task An_already_cancelled_token_writes_nothing()
    {
        var path = _scratch["world"];
        await Assert.CatchAsync<OperationCanceledException>(() => TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options(), new CancellationToken(canceled: true)));
        Assert.That(Directory.EnumerateFileSystemEntries(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task Non_empty_target_without_overwrite_is_refused_and_left_untouched()
    {
        var path = _scratch["world"];
        Directory.CreateDirectory(path);
        await File.WriteAllTextAsync(Path.Combine(path, "keep.txt"), "mine");

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options()));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("Overwrite"));
        Assert.That(TinyWorlds.Files(path), Is.EqualTo(new[] { "keep.txt" }));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(path, "keep.txt")), Is.EqualTo("mine"));
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task Empty_existing_target_is_used()
    {
        var path = _scratch["world"];
        Directory.CreateDirectory(path);
        await TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options());
        Assert.That(File.Exists(Path.Combine(path, "manifest.json")), Is.True);
    }

    [Test]
    public async Task Overwrite_replaces_the_whole_target()
    {
        var path = _scratch["world"];
        await TinyWorlds.Generate(ExposureMode.ResearchInstructor).SaveAsync(path, TinyWorlds.Options());

        var manifest = await TinyWorlds.Generate(seed: 99).SaveAsync(path, TinyWorlds.Options(overwrite: true));

        Assert.That(Directory.Exists(Path.Combine(path, "metadata")), Is.False, "the instructor bundle was replaced by the public one");
        Assert.That((await BundleManifest.LoadAsync(path)).Seed, Is.EqualTo(99));
        Assert.That(manifest.Seed, Is.EqualTo(99));
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task A_target_under_a_regular_file_is_refused_with_a_write_error_naming_the_path()
    {
        var file = _scratch["not-a-folder"];
        File.WriteAllText(file, "x");
        var path = Path.Combine(file, "world");

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options()));
        Assert.That(ex!.Message, Does.Contain(path));
        Assert.That(File.ReadAllText(file), Is.EqualTo("x"));
    }

    [Test]
    public async Task A_target_that_is_a_file_is_refused()
    {
        var file = _scratch["world"];
        File.WriteAllText(file, "x");
        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(file, TinyWorlds.Options(overwrite: true)));
        Assert.That(ex!.Message, Does.Contain("file"));
        Assert.That(File.ReadAllText(file), Is.EqualTo("x"));
    }

    [Test]
    public async Task A_failure_while_writing_leaves_no_target_and_no_temp_folder()
    {
        // A metadata document whose name is not a safe file name fails in planning; a document with
        // invalid UTF-16 fails mid-write, after other files were written into the temp folder.
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var broken = new WorldBundle(
            bundle.Descriptor,
            bundle.Config,
            bundle.Tables,
            bundle.Tasks,
            bundle.DatasetCard,
            bundle.FeatureDictionary,
            bundle.Truth! with { Documents = [new MetadataDocument("broken.json", "\ud800")] });
        var path = _scratch["world"];

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => broken.SaveAsync(path, TinyWorlds.Options()));
        Assert.That(ex!.Message, Does.Contain(path));
        Assert.That(Directory.EnumerateFileSystemEntries(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task Unsafe_names_are_refused_before_anything_is_written()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var broken = new WorldBundle(
            bundle.Descriptor,
            bundle.Config,
            bundle.Tables,
            bundle.Tasks,
            bundle.DatasetCard,
            bundle.FeatureDictionary,
            bundle.Truth! with { Documents = [new MetadataDocument("../escape.json", "{}")] });
        var path = _scratch["world"];

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => broken.SaveAsync(path, TinyWorlds.Options()));
        Assert.That(ex!.Message, Does.Contain("../escape.json"));
        Assert.That(Directory.EnumerateFileSystemEntries(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task Invalid_row_group_size_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TinyWorlds.Generate().SaveAsync(_scratch["w"], TinyWorlds.Options(rowGroupSize: 0)));
    }
}
