using System.Text.Json;
using LeadForge.Cli.CommandLine;
using LeadForge.Rendering;
using LeadForge.Tests.Rendering;

namespace LeadForge.Tests.Cli;

[TestFixture]
public sealed class InspectAndListCommandTests
{
    [Test]
    public async Task ListRecipes_ShowsTheEmbeddedRecipe()
    {
        var run = await CliRunner.RunAsync("list-recipes");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("b2b_saas_procurement_v1").And.Contain("lead_scoring"));
    }

    [Test]
    public async Task ListRecipesJson_IsParseableAndNamesModesAndTiers()
    {
        var run = await CliRunner.RunAsync("list-recipes", "--json");
        using var doc = JsonDocument.Parse(run.Out);
        var recipe = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "b2b_saas_procurement_v1");
        Assert.That(recipe.GetProperty("modes").EnumerateArray().Select(m => m.GetString()), Is.EquivalentTo(new[] { "student_public", "research_instructor" }));
        Assert.That(recipe.GetProperty("difficulties").EnumerateArray().Select(m => m.GetString()), Is.EquivalentTo(new[] { "intro", "intermediate", "advanced" }));
    }

    [Test]
    public async Task Inspect_SummarisesProvenanceTablesAndTask()
    {
        using var scratch = new ScratchFolder();
        var target = scratch["w"];
        Assert.That((await CliRunner.RunAsync("generate", "-r", "b2b_saas_procurement_v1", "-s", "3", "--n-leads", "300", "-q", "-o", target)).ExitCode, Is.EqualTo(0));
        var manifest = await BundleManifest.LoadAsync(target);

        var run = await CliRunner.RunAsync("inspect", target);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("seed       3").And.Contain("student_public").And.Contain("grouped_stratified").And.Contain("total_touches_all"));
        foreach (var table in manifest.Files.Where(f => f.Kind == BundleFileKind.Table))
        {
            Assert.That(run.Out, Does.Match($@"(?m)^{table.Name}\s+{table.RowCount:N0}\s"), $"inventory line for {table.Name}");
        }
    }

    [Test]
    public async Task InspectJson_CarriesTheRowCountsOfTheManifest()
    {
        using var scratch = new ScratchFolder();
        var target = scratch["w"];
        Assert.That((await CliRunner.RunAsync("generate", "-r", "b2b_saas_procurement_v1", "--n-leads", "300", "-q", "-o", target)).ExitCode, Is.EqualTo(0));
        var manifest = await BundleManifest.LoadAsync(target);

        var run = await CliRunner.RunAsync("inspect", target, "--json");

        using var doc = JsonDocument.Parse(run.Out);
        var rows = doc.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("rows").GetInt64());
        Assert.That(rows, Is.EquivalentTo(manifest.Files.Where(f => f.Kind == BundleFileKind.Table).ToDictionary(f => f.Name!, f => f.RowCount!.Value)));
        var task = doc.RootElement.GetProperty("tasks")[0];
        Assert.That(task.GetProperty("train_rows").GetInt64() + task.GetProperty("valid_rows").GetInt64() + task.GetProperty("test_rows").GetInt64(), Is.EqualTo(300));
    }

    [Test]
    public async Task InspectOfAMissingFolder_IsAOneLineError()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("inspect", scratch["nothing-here"]);
        GenerateCommandTests.AssertOneLineError(run, "nothing-here");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
    }

    [Test]
    public async Task InspectOfACorruptManifest_IsAOneLineError()
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch["broken"]);
        await File.WriteAllTextAsync(Path.Combine(scratch["broken"], "manifest.json"), "{ \"seed\": ");
        var run = await CliRunner.RunAsync("inspect", scratch["broken"]);
        GenerateCommandTests.AssertOneLineError(run, "manifest.json");
    }

    [Test]
    public async Task UnknownCommand_IsAOneLineError()
    {
        var run = await CliRunner.RunAsync("frobnicate");
        GenerateCommandTests.AssertOneLineError(run, "frobnicate");
    }
}

[TestFixture]
public sealed class QualityReportCommandTests
{
    [Test]
    public async Task Quality_report_writes_markdown_and_json_and_exits_by_the_bands()
    {
        using var scratch = new ScratchFolder();
        var stem = scratch["report"];
        var run = await CliRunner.RunAsync("quality-report", "--n-leads", "1500", "--seeds", "42", "--tiers", "intro", "advanced", "-q", "--out", stem);
        Assert.That(run.ExitCode, Is.AnyOf(ExitCodes.Success, ExitCodes.CheckFailed), run.ToString());
        var markdown = File.ReadAllText(stem + ".md");
        Assert.That(markdown, Does.Contain("| intro | 42 |").And.Contain("| advanced | 42 |").And.Not.Contain("| intermediate |"));
        Assert.That(markdown, Does.Contain("--seeds 42 --tiers intro advanced --out"), "the regenerate line reproduces the run");
        using var doc = JsonDocument.Parse(File.ReadAllText(stem + ".json"));
        Assert.That(run.Out, Does.Contain(stem + ".md"));
    }

    [Test]
    public async Task Quality_report_with_a_tiny_population_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync("quality-report", "--n-leads", "10");
        GenerateCommandTests.AssertOneLineError(run, "--n-leads");
    }

    [Test]
    public async Task Quality_report_with_an_unknown_tier_or_a_missing_override_file_is_a_usage_error()
    {
        GenerateCommandTests.AssertOneLineError(await CliRunner.RunAsync("quality-report", "--tiers", "hard"), "hard");
        GenerateCommandTests.AssertOneLineError(await CliRunner.RunAsync("quality-report", "--override", "/nonexistent/o.yaml"), "o.yaml");
    }
}
