using System.Text.Json;
using LeadForge.Cli.CommandLine;
using LeadForge.Rendering;
using LeadForge.Tests.Rendering;

namespace LeadForge.Tests.Cli;

[TestFixture]
public sealed class GenerateCommandTests
{
    private const string Recipe = "b2b_saas_procurement_v1";

    [Test]
    public async Task Generate_WritesABundleWhoseManifestMatchesTheFlags()
    {
        using var scratch = new ScratchFolder();
        var target = scratch["world"];

        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--seed", "7", "--n-leads", "400", "--difficulty", "advanced", "--mode", "research_instructor", "--out", target);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());
        var manifest = await BundleManifest.LoadAsync(target);
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Seed, Is.EqualTo(7));
            Assert.That(manifest.Population["leads"], Is.EqualTo(400));
            Assert.That(manifest.Difficulty, Is.EqualTo(Difficulty.Advanced));
            Assert.That(manifest.ExposureMode, Is.EqualTo(ExposureMode.ResearchInstructor));
            Assert.That(Directory.Exists(Path.Combine(target, "metadata")), Is.True, "instructor bundles carry metadata/");
            Assert.That(run.Out, Does.StartWith($"Wrote {target}:"));
            Assert.That(run.Error, Does.Contain("leadforge: simulate done in"), "stage lines go to stderr when it is not a terminal");
        });
    }

    [Test]
    public async Task Generate_IsReproducibleAcrossRunsAndThreadCounts()
    {
        using var scratch = new ScratchFolder();
        var one = await CliRunner.RunAsync("generate", "-r", Recipe, "-s", "11", "--n-leads", "300", "--threads", "1", "-q", "-o", scratch["a"]);
        var four = await CliRunner.RunAsync("generate", "-r", Recipe, "-s", "11", "--n-leads", "300", "--threads", "4", "-q", "-o", scratch["b"]);
        Assert.That((one.ExitCode, four.ExitCode), Is.EqualTo((0, 0)), one + "\n" + four);

        var a = await BundleManifest.LoadAsync(scratch["a"]);
        var b = await BundleManifest.LoadAsync(scratch["b"]);
        Assert.That(b.Files.Select(f => (f.Path, f.Sha256)), Is.EqualTo(a.Files.Select(f => (f.Path, f.Sha256))));
    }

    [Test]
    public async Task The_dataset_cards_command_regenerates_a_library_bundle_byte_for_byte()
    {
        using var scratch = new ScratchFolder();
        var bundle = Generator.FromRecipe(Recipe).WithSeed(5).WithDifficulty(Difficulty.Advanced).WithLeads(700).Generate();
        await bundle.SaveAsync(scratch["library"]);

        var command = System.Text.RegularExpressions.Regex.Match(bundle.DatasetCard, "`leadforge (generate [^`]+)` regenerates").Groups[1].Value;
        Assert.That(command, Does.Contain("--n-accounts 210").And.Contain("--n-contacts 588"), "the library scales accounts and contacts with the leads, as the CLI does");
        var run = await CliRunner.RunAsync([.. command.Split(' '), "-q", "--out", scratch["cli"]]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.ToString());

        var library = await BundleManifest.LoadAsync(scratch["library"]);
        var cli = await BundleManifest.LoadAsync(scratch["cli"]);
        Assert.That(cli.ConfigHash, Is.EqualTo(library.ConfigHash));
        Assert.That(cli.Files.Select(f => (f.Path, f.Sha256)), Is.EqualTo(library.Files.Select(f => (f.Path, f.Sha256))));
    }

    [Test]
    public async Task Quiet_WritesNothingToEitherStream()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--n-leads", "200", "--quiet", "--out", scratch["q"]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out + run.Error, Is.Empty);
    }

    [Test]
    public async Task CsvFormat_WritesCsvTables()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--n-leads", "200", "--format", "csv", "-q", "--out", scratch["csv"]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(File.Exists(Path.Combine(scratch["csv"], "tables", "leads.csv")), Is.True);
        Assert.That(Directory.GetFiles(scratch["csv"], "*.parquet", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task Shards_WritePartFilesWhoseRowsAddUpToTheWholeRun()
    {
        using var scratch = new ScratchFolder();
        var whole = await CliRunner.RunAsync("generate", "-r", Recipe, "-s", "5", "--n-leads", "1600", "-q", "-o", scratch["whole"]);
        Assert.That(whole.ExitCode, Is.EqualTo(0), whole.ToString());
        for (var k = 0; k < 3; k++)
        {
            var part = await CliRunner.RunAsync("generate", "-r", Recipe, "-s", "5", "--n-leads", "1600", "-q", "--shard", $"{k}/3", "-o", scratch["sharded"]);
            Assert.That(part.ExitCode, Is.EqualTo(0), part.ToString());
        }

        Assert.That(File.Exists(Path.Combine(scratch["sharded"], "tables", "leads", "part-2.parquet")), Is.True);
        var inspect = await CliRunner.RunAsync("inspect", scratch["sharded"], "--json");
        var wholeInspect = await CliRunner.RunAsync("inspect", scratch["whole"], "--json");
        Assert.That((inspect.ExitCode, wholeInspect.ExitCode), Is.EqualTo((0, 0)), inspect + "\n" + wholeInspect);
        using var sharded = JsonDocument.Parse(inspect.Out);
        using var single = JsonDocument.Parse(wholeInspect.Out);
        Assert.That(sharded.RootElement.GetProperty("shard_manifests").GetInt32(), Is.EqualTo(3));
        Assert.That(RowsByTable(sharded), Is.EqualTo(RowsByTable(single)), "the shards' rows add up to the unsharded run's, table by table");
    }

    [Test]
    public async Task Overwrite_ReplacesAnExistingBundle()
    {
        using var scratch = new ScratchFolder();
        Assert.That((await CliRunner.RunAsync("generate", "-r", Recipe, "--n-leads", "200", "-q", "-o", scratch["w"])).ExitCode, Is.EqualTo(0));
        var again = await CliRunner.RunAsync("generate", "-r", Recipe, "--n-leads", "250", "-q", "--overwrite", "-o", scratch["w"]);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That((await BundleManifest.LoadAsync(scratch["w"])).Population["leads"], Is.EqualTo(250));
    }

    [Test]
    [NonParallelizable]
    public async Task Overwrite_OfAHomeLikeFolder_IsAOneLineErrorBeforeAnyWork_AndDeletesNothing()
    {
        using var scratch = new ScratchFolder();
        var home = HomeLikeTree.Create(scratch["home"]);
        var before = HomeLikeTree.Snapshot(home);
        var saved = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.Combine(home, "projects", "app");
        try
        {
            // The first three contain the working directory; the last is a sibling folder that is not a bundle.
            foreach (var (target, reason) in new[] { (home, "current directory"), ("..", "current directory"), (".", "current directory"), (Path.Combine(home, "Documents"), "not a LeadForge bundle") })
            {
                var run = await CliRunner.RunAsync("generate", "-r", Recipe, "--n-leads", "200", "--overwrite", "-o", target);
                AssertOneLineError(run, reason);
                Assert.That(run.Error, Does.Not.Contain("simulate"), "refused before any work: " + target);
            }
        }
        finally
        {
            Environment.CurrentDirectory = saved;
        }

        Assert.That(HomeLikeTree.Snapshot(home), Is.EqualTo(before), "the data-loss defect: --overwrite deleted any non-empty folder");
        Assert.That(TinyWorlds.Leftovers(scratch.Root), Is.Empty);
    }

    [Test]
    public async Task Count_SetsAnyEntityOfTheScheme_AndTheNFlagsAreItsAliases()
    {
        using var scratch = new ScratchFolder();
        var generic = await CliRunner.RunAsync("generate", "-r", Recipe, "--count", "leads=300", "--count", "accounts=40", "-q", "-o", scratch["a"]);
        var alias = await CliRunner.RunAsync("generate", "-r", Recipe, "--n-leads", "300", "--n-accounts", "40", "-q", "-o", scratch["b"]);
        Assert.That((generic.ExitCode, alias.ExitCode), Is.EqualTo((0, 0)), generic + "\n" + alias);

        var a = await BundleManifest.LoadAsync(scratch["a"]);
        var b = await BundleManifest.LoadAsync(scratch["b"]);
        Assert.That(a.Population, Is.EqualTo(new Dictionary<string, int> { ["accounts"] = 40, ["contacts"] = 252, ["leads"] = 300 }));
        Assert.That(b.Files.Select(f => f.Sha256), Is.EqualTo(a.Files.Select(f => f.Sha256)));
    }

    [TestCase("customers=10", "not an entity of scheme 'lead_scoring' (its entities: accounts, contacts, leads)")]
    [TestCase("leads=many", "'many' in 'leads=many' is not a whole number")]
    [TestCase("leads", "'leads' is not ENTITY=N")]
    [TestCase("leads=0", "leads must be a positive integer (got 0)")]
    [TestCase("leads=1", "population.leads: 1 is below 50")]
    [TestCase("accounts=5", "population.accounts: 5 is below 10")]
    public async Task BadCount_IsAOneLineErrorBeforeAnyWork(string count, string message)
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "-r", Recipe, "--count", count, "-o", scratch["x"]);
        AssertOneLineError(run, message);
        Assert.That(Directory.Exists(scratch["x"]), Is.False);
    }

    [Test]
    public async Task A_single_lead_is_a_one_line_error_naming_the_minimum()
    {
        // Issue 18 point 5: --n-leads 1 used to exit 0 with a bundle that failed its own validation.
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "-r", Recipe, "--n-leads", "1", "-o", scratch["x"]);
        AssertOneLineError(run, "1 is below 50, the smallest leads count");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError), run.ToString());
        Assert.That(Directory.Exists(scratch["x"]), Is.False);
    }

    [Test]
    public async Task UnknownRecipe_IsAOneLineErrorListingTheKnownIds()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", "no_such_world", "--out", scratch["x"]);
        AssertOneLineError(run, "no_such_world");
        Assert.That(run.Error, Does.Contain(Recipe), "the message lists the recipes that do exist");
        Assert.That(Directory.Exists(scratch["x"]), Is.False, "nothing is left behind");
    }

    [TestCase("-5")]
    [TestCase("0")]
    public async Task NonPositiveLeadCount_IsAOneLineError(string count)
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--n-leads", count, "--out", scratch["x"]);
        AssertOneLineError(run, "--n-leads");
        Assert.That(Directory.Exists(scratch["x"]), Is.False);
    }

    [Test]
    public async Task NonNumericLeadCount_IsAOneLineError()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--n-leads", "many", "--out", scratch["x"]);
        AssertOneLineError(run, "many");
    }

    [Test]
    public async Task MalformedOverride_IsAOneLineErrorWithLineAndColumn()
    {
        using var scratch = new ScratchFolder();
        var file = scratch["bad.yaml"];
        await File.WriteAllTextAsync(file, "seed: 3\nfunnel:\n  loss_slope: [1, 2\n  other: x\n");
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--override", file, "--out", scratch["x"]);
        AssertOneLineError(run, "bad.yaml");
        Assert.That(run.Error, Does.Match(@"line \d+|:\d+:\d+"), "the error says where in the file");
        Assert.That(Directory.Exists(scratch["x"]), Is.False);
    }

    [Test]
    public async Task OverrideWithAnUnknownKey_IsAOneLineErrorNamingTheKeyPath()
    {
        using var scratch = new ScratchFolder();
        var file = scratch["unknown.yaml"];
        await File.WriteAllTextAsync(file, "funnel:\n  no_such_knob: 3\n");
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--override", file, "--out", scratch["x"]);
        AssertOneLineError(run, "funnel.no_such_knob");
    }

    [Test]
    public async Task MissingOverrideFile_IsAOneLineError()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--override", scratch["nope.yaml"], "--out", scratch["x"]);
        AssertOneLineError(run, "nope.yaml");
    }

    [Test]
    public async Task ExistingNonEmptyOutputWithoutOverwrite_IsRefusedAndLeftUntouched()
    {
        using var scratch = new ScratchFolder();
        var target = scratch["taken"];
        Directory.CreateDirectory(target);
        var keep = Path.Combine(target, "keep.txt");
        await File.WriteAllTextAsync(keep, "mine");

        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--n-leads", "200", "--out", target);

        AssertOneLineError(run, "--overwrite");
        Assert.That(Directory.GetFileSystemEntries(target), Is.EqualTo(new[] { keep }));
        Assert.That(await File.ReadAllTextAsync(keep), Is.EqualTo("mine"));
    }

    [Test]
    public async Task UnknownFlag_IsAOneLineError()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--n-leeds", "10", "--out", scratch["x"]);
        AssertOneLineError(run, "--n-leeds");
    }

    [TestCase("--mode", "teacher")]
    [TestCase("--difficulty", "expert")]
    [TestCase("--format", "xlsx")]
    [TestCase("--shard", "3/3")]
    [TestCase("--shard", "one")]
    [TestCase("--threads", "0")]
    public async Task BadOptionValue_IsAOneLineErrorNamingTheValue(string option, string value)
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, option, value, "--out", scratch["x"]);
        AssertOneLineError(run, option == "--threads" ? "--threads" : value);
    }

    [Test]
    public async Task MissingRequiredOptions_IsAOneLineError()
    {
        var run = await CliRunner.RunAsync("generate", "--seed", "1");
        AssertOneLineError(run, "--recipe");
    }

    [Test]
    public async Task AbsurdPopulation_IsRefusedByTheGuardUnlessAllowed()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", Recipe, "--n-leads", "50000000", "--out", scratch["x"]);
        AssertOneLineError(run, "allow_large_population");
        Assert.That(Directory.Exists(scratch["x"]), Is.False);
    }

    [Test]
    public async Task Help_ExitsZeroAndDescribesTheOptions()
    {
        var run = await CliRunner.RunAsync("generate", "--help");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("--n-leads").And.Contain("--shard").And.Contain("--override"));
    }

    internal static void AssertOneLineError(CliRun run, string mustMention)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1), "exactly one line on stderr: " + run);
            Assert.That(run.Error, Does.StartWith("leadforge: error:"), run.ToString());
            Assert.That(run.Error, Does.Contain(mustMention), run.ToString());
            Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    private static Dictionary<string, long> RowsByTable(JsonDocument inspect) =>
        inspect.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rows").GetInt64());
}
