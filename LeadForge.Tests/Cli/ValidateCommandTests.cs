using System.Text.Json;
using LeadForge.Cli.CommandLine;
using LeadForge.Tests.Rendering;

namespace LeadForge.Tests.Cli;

[TestFixture]
public sealed class ValidateCommandTests
{
    private static async Task<string> GenerateAsync(ScratchFolder scratch, string name = "w")
    {
        var target = scratch[name];
        var run = await CliRunner.RunAsync("generate", "-r", "b2b_saas_procurement_v1", "-s", "42", "--n-leads", "1500", "-q", "-o", target);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return target;
    }

    [Test]
    public async Task A_tampered_bundle_fails_validation_with_exit_code_1_naming_the_file()
    {
        using var scratch = new ScratchFolder();
        var target = await GenerateAsync(scratch);
        var file = Path.Combine(target, "tables", "touches.parquet");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(file, bytes);

        var run = await CliRunner.RunAsync("validate", target);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.CheckFailed), run.ToString());
        Assert.That(run.Out, Does.Contain("tables/touches.parquet"));
        Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("leadforge: validation failed:"));
    }

    [Test]
    public async Task Validate_json_is_parseable_and_lists_every_check()
    {
        using var scratch = new ScratchFolder();
        var target = await GenerateAsync(scratch);
        var run = await CliRunner.RunAsync("validate", target, "--json");
        Assert.That(run.ExitCode, Is.AnyOf(ExitCodes.Success, ExitCodes.CheckFailed), run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        Assert.That(doc.RootElement.ToString(), Does.Contain("structure"));
    }

    [Test]
    public async Task A_folder_that_is_not_a_bundle_cannot_be_validated_exit_code_2()
    {
        using var scratch = new ScratchFolder();
        Directory.CreateDirectory(scratch["empty"]);
        var run = await CliRunner.RunAsync("validate", scratch["empty"]);
        GenerateCommandTests.AssertOneLineError(run, "manifest.json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
    }

    [Test]
    public async Task Json_and_markdown_together_is_a_usage_error()
    {
        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("validate", scratch["x"], "--json", "--markdown");
        GenerateCommandTests.AssertOneLineError(run, "--json and --markdown");
    }
}
