using LeadForge.Rendering;
using LeadForge.Schemes;

namespace LeadForge.Tests.Rendering;

/// <summary>
/// SPEC §12, issue 18 point 1: <c>Overwrite</c> replaces only a LeadForge bundle. A home-like tree
/// (dot-folders, a project, documents) is never touched: every refusal leaves each file with its bytes.
/// </summary>
[NonParallelizable]
public sealed class OverwriteSafetyTests
{
    private ScratchFolder _scratch = null!;
    private string _home = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new ScratchFolder();
        _home = HomeLikeTree.Create(_scratch["home"]);
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [TestCase("")]
    [TestCase("projects")]
    [TestCase("projects/app")]
    [TestCase("projects/app/..")]
    [TestCase("Documents")]
    [TestCase(".ssh")]
    public async Task Overwrite_refuses_a_folder_that_is_not_a_bundle_and_deletes_nothing(string relative)
    {
        var before = HomeLikeTree.Snapshot(_home);
        var target = relative.Length == 0 ? _home : Path.Combine(_home, relative);

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(target, TinyWorlds.Options(overwrite: true)));

        Assert.That(ex!.Message, Does.Contain(Path.GetFullPath(target).TrimEnd('/')).And.Contain("not a LeadForge bundle"));
        Assert.That(HomeLikeTree.Snapshot(_home), Is.EqualTo(before), "every file is still there with its bytes");
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task The_current_directory_and_its_parents_are_never_replaced()
    {
        var project = Path.Combine(_home, "projects", "app");
        var before = HomeLikeTree.Snapshot(_home);
        var saved = Environment.CurrentDirectory;
        Environment.CurrentDirectory = project;
        try
        {
            foreach (var target in new[] { ".", "..", "../.." })
            {
                var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(target, TinyWorlds.Options(overwrite: true)), target);
                Assert.That(ex!.Message, Does.Contain("current directory"), target);
            }
        }
        finally
        {
            Environment.CurrentDirectory = saved;
        }

        Assert.That(HomeLikeTree.Snapshot(_home), Is.EqualTo(before));
    }

    [Test]
    public async Task A_bundle_with_a_file_of_the_users_in_it_is_not_replaced()
    {
        var path = _scratch["world"];
        await TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options());
        await File.WriteAllTextAsync(Path.Combine(path, "my-notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(path, "tables", "analysis"));
        var before = HomeLikeTree.Snapshot(path);

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate(seed: 8).SaveAsync(path, TinyWorlds.Options(overwrite: true)));

        Assert.That(ex!.Message, Does.Contain("my-notes.txt"));
        Assert.That(HomeLikeTree.Snapshot(path), Is.EqualTo(before));
        Assert.That((await BundleManifest.LoadAsync(path)).Seed, Is.EqualTo(7), "the old bundle is intact");
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty);
    }

    [Test]
    public async Task A_folder_with_a_forged_or_unreadable_manifest_is_not_replaced()
    {
        var path = Path.Combine(_home, "Documents");
        await File.WriteAllTextAsync(Path.Combine(path, "manifest.json"), "{ \"not\": \"ours\" }");
        var before = HomeLikeTree.Snapshot(_home);

        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options(overwrite: true)));

        Assert.That(ex!.Message, Does.Contain("manifest.json").And.Contain("nothing was deleted"));
        Assert.That(HomeLikeTree.Snapshot(_home), Is.EqualTo(before));
    }

    [Test]
    public async Task A_symbolic_link_is_never_followed_or_replaced()
    {
        var link = _scratch["link"];
        Directory.CreateSymbolicLink(link, _home);
        var dangling = _scratch["dangling"];
        Directory.CreateSymbolicLink(dangling, _scratch["nowhere"]);
        var before = HomeLikeTree.Snapshot(_home);

        var onLink = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(link, TinyWorlds.Options(overwrite: true)));
        var onDangling = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate().SaveAsync(dangling, TinyWorlds.Options(overwrite: true)));

        Assert.That(onLink!.Message, Does.Contain("symbolic link"));
        Assert.That(onDangling!.Message, Does.Contain("dangling symbolic link"));
        Assert.That(HomeLikeTree.Snapshot(_home), Is.EqualTo(before));
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(_home));
    }

    [Test]
    public async Task A_clean_bundle_is_replaced_whole_and_in_one_step()
    {
        var path = _scratch["world"];
        await TinyWorlds.Generate(ExposureMode.ResearchInstructor).SaveAsync(path, TinyWorlds.Options(csvCopies: true));

        var manifest = await TinyWorlds.Generate(seed: 99).SaveAsync(path, TinyWorlds.Options(overwrite: true));

        Assert.That(manifest.Seed, Is.EqualTo(99));
        Assert.That(Directory.Exists(Path.Combine(path, "metadata")), Is.False, "the instructor bundle was replaced by the public one");
        Assert.That(TinyWorlds.Files(path), Is.EqualTo(manifest.Files.Select(f => f.Path).Append("manifest.json").Order(StringComparer.Ordinal)));
        Assert.That(TinyWorlds.Leftovers(_scratch.Root), Is.Empty, "no old or temporary folder is left");
    }

    [Test]
    public async Task A_sharded_bundle_folder_is_replaceable_and_a_shard_refuses_a_foreign_folder()
    {
        var path = _scratch["sharded"];
        for (var k = 0; k < 2; k++)
        {
            await TinyWorlds.Generate(shard: new ShardSpec(k, 2)).SaveAsync(path, TinyWorlds.Options());
        }

        var whole = await TinyWorlds.Generate().SaveAsync(path, TinyWorlds.Options(overwrite: true));
        Assert.That(TinyWorlds.Files(path), Does.Contain("manifest.json").And.Not.Contain("manifest.part-0.json"));
        Assert.That(whole.Shard, Is.Null);

        var before = HomeLikeTree.Snapshot(_home);
        var ex = await Assert.ThrowsAsync<BundleWriteException>(() => TinyWorlds.Generate(shard: new ShardSpec(0, 2)).SaveAsync(_home, TinyWorlds.Options(overwrite: true)));
        Assert.That(ex!.Message, Does.Contain("not part of a LeadForge bundle"));
        Assert.That(HomeLikeTree.Snapshot(_home), Is.EqualTo(before));
    }

    [Test]
    public void EnsureWritable_applies_the_same_rule_before_any_work()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<BundleWriteException>(() => BundleFolder.EnsureWritable(_home, new SaveOptions { Overwrite = true }));
            Assert.Throws<BundleWriteException>(() => BundleFolder.EnsureWritable(_home));
            Assert.Throws<BundleWriteException>(() => BundleFolder.EnsureWritable("/", new SaveOptions { Overwrite = true }));
            Assert.DoesNotThrow(() => BundleFolder.EnsureWritable(_scratch["fresh"], new SaveOptions { Overwrite = true }));
        });
        Assert.That(Directory.Exists(_scratch["fresh"]), Is.False, "a check creates nothing");
    }
}

/// <summary>A small tree shaped like a user's home folder, and a content snapshot of any tree.</summary>
internal static class HomeLikeTree
{
    public static string Create(string root)
    {
        Write(root, ".ssh/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");
        Write(root, ".ssh/known_hosts", "host ssh-ed25519 AAAA\n");
        Write(root, ".bashrc", "export PATH=$PATH:~/bin\n");
        Write(root, "projects/app/app.csproj", "<Project />\n");
        Write(root, "projects/app/src/Program.cs", "return 0;\n");
        Write(root, "projects/notes.md", "# notes\n");
        Write(root, "Documents/thesis.tex", "\\documentclass{article}\n");
        return root;
    }

    /// <summary>Every file and folder under <paramref name="root"/> with its bytes' hash, sorted.</summary>
    public static string[] Snapshot(string root) => Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
        .Select(e => Path.GetRelativePath(root, e) + (File.Exists(e) ? " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(e))) : "/"))
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
