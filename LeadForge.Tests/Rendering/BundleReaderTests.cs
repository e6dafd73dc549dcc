using LeadForge.Rendering;

namespace LeadForge.Tests.Rendering;

public class BundleReaderTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Missing_bundle_folder_is_a_format_error()
    {
        var path = _scratch["nowhere"];
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleManifest.LoadAsync(path)))!.Message, Does.Contain("does not exist"));
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadTableAsync(path, "leads")))!.Message, Does.Contain("does not exist"));
    }

    [Test]
    public async Task Folder_without_manifest_is_a_format_error()
    {
        var path = _scratch["empty"];
        Directory.CreateDirectory(path);
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleManifest.LoadAsync(path)))!.Message, Does.Contain("manifest.json").And.Contain("missing"));
    }

    [Test]
    public async Task Malformed_or_incomplete_manifest_is_a_format_error_with_its_location()
    {
        var path = _scratch["bad"];
        Directory.CreateDirectory(path);
        var file = Path.Combine(path, "manifest.json");

        await File.WriteAllTextAsync(file, "{\n  \"bundle_schema_version\": \"1\",\n  oops\n}");
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleManifest.LoadAsync(path)))!.Message, Does.Contain("malformed").And.Contain("line 3"));

        await File.WriteAllTextAsync(file, "{ \"bundle_schema_version\": \"1\" }");
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleManifest.LoadAsync(path)))!.Message, Does.Contain("malformed"));

        var good = _scratch["good"];
        await TinyWorlds.Generate().SaveAsync(good, TinyWorlds.Options());
        var text = await File.ReadAllTextAsync(Path.Combine(good, "manifest.json"));
        await File.WriteAllTextAsync(file, text.Replace("\"student_public\"", "\"everyone\"", StringComparison.Ordinal));
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleManifest.LoadAsync(path)))!.Message, Does.Contain("everyone"));
    }

    [Test]
    public async Task Missing_table_split_or_task_is_a_format_error_and_bad_split_name_an_argument_error()
    {
        var path = _scratch["world"];
        await TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options());

        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadTableAsync(path, "opportunities")))!.Message, Does.Contain("opportunities"));
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadTaskSplitAsync(path, "no_task", "train")))!.Message, Does.Contain("no_task"));
        await Assert.ThrowsAsync<ArgumentException>(() => BundleReader.ReadTaskSplitAsync(path, "tiny_conversion", "holdout"));
    }

    [Test]
    public async Task Corrupted_parquet_file_is_a_format_error_naming_the_file()
    {
        var path = _scratch["world"];
        await TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options());
        var file = Path.Combine(path, "tables", "leads.parquet");
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var ex = await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadTableAsync(path, "leads"));
        Assert.That(ex!.Message, Does.Contain("leads.parquet"));
    }
}
