using System.Text.RegularExpressions;
using LeadForge.Cli.CommandLine;
using LeadForge.Rendering;
using LeadForge.Samples;
using LeadForge.Tests.Cli;
using LeadForge.Tests.Rendering;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Docs;

/// <summary>
/// Keeps README.md honest: its C# snippets are the compiled regions of samples/Quickstart, its
/// override example is a real file that generates, and its two commands parse and run.
/// </summary>
[TestFixture]
public sealed partial class ReadmeSnippetTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryPaths.Of("README.md"));
    private static readonly string QuickstartSource = File.ReadAllText(RepositoryPaths.Of("samples", "Quickstart", "Quickstart.cs"));

    public static IEnumerable<string> CSharpSnippetNames() => RegionPattern().Matches(QuickstartSource).Select(m => m.Groups["name"].Value);

    [TestCaseSource(nameof(CSharpSnippetNames))]
    public void Every_compiled_region_appears_verbatim_in_the_readme(string name)
    {
        var snippets = ReadmeSnippets();
        Assert.That(snippets.ContainsKey(name), Is.True, $"README.md has no '<!-- snippet: {name} -->' block");
        var region = RegionPattern().Matches(QuickstartSource).Single(m => m.Groups["name"].Value == name).Groups["body"].Value;
        Assert.That(Normalise(snippets[name].Code), Is.EqualTo(Normalise(region)), $"README snippet '{name}' differs from samples/Quickstart/Quickstart.cs");
    }

    [Test]
    public void Every_readme_snippet_has_a_compiled_or_checked_source()
    {
        var known = CSharpSnippetNames().Append("override-yaml").ToHashSet(StringComparer.Ordinal);
        Assert.That(ReadmeSnippets().Keys, Is.SubsetOf(known));
        Assert.That(ReadmeSnippets().Keys.Count(k => ReadmeSnippets()[k].Language == "csharp"), Is.EqualTo(CSharpSnippetNames().Count()));
    }

    [Test]
    public async Task The_override_example_is_a_real_file_that_generates_what_it_says()
    {
        var file = RepositoryPaths.Of("samples", "Overrides", "temporal-split.yaml");
        Assert.That(Normalise(ReadmeSnippets()["override-yaml"].Code), Is.EqualTo(Normalise(await File.ReadAllTextAsync(file))));

        using var scratch = new ScratchFolder();
        var run = await CliRunner.RunAsync("generate", "--recipe", "b2b_saas_procurement_v1", "--override", file, "--n-leads", "600", "-q", "--out", scratch["o"]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var manifest = await BundleManifest.LoadAsync(scratch["o"]);
        Assert.Multiple(() =>
        {
            Assert.That(manifest.Seed, Is.EqualTo(7), "from the override file");
            Assert.That(manifest.Difficulty, Is.EqualTo(Difficulty.Advanced), "from the override file");
            Assert.That(manifest.Population["leads"], Is.EqualTo(600), "the flag beats the file");
            Assert.That(File.ReadAllText(Path.Combine(scratch["o"], "tasks", "converted_within_90_days", "task_manifest.json")), Does.Contain("\"split_strategy\": \"temporal\""));
        });
    }

    [Test]
    public async Task The_main_command_runs_and_its_bundle_validates()
    {
        var line = Regex.Match(Readme, @"dotnet run --project LeadForge\.Cli -c Release -- (generate [^\n`]+)").Groups[1].Value;
        Assert.That(line, Does.Contain("--recipe b2b_saas_procurement_v1"), "README keeps the main command");
        using var scratch = new ScratchFolder();
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a == "./out/demo" ? scratch["demo"] : a).ToArray();
        var generate = await CliRunner.RunAsync(args);
        Assert.That(generate.ExitCode, Is.EqualTo(ExitCodes.Success), generate.ToString());
        var again = await CliRunner.RunAsync(args);
        Assert.That(again.ExitCode, Is.EqualTo(ExitCodes.Success), "the main command is repeatable: " + again);

        var inspect = await CliRunner.RunAsync("inspect", scratch["demo"]);
        Assert.That(inspect.ExitCode, Is.EqualTo(0), inspect.ToString());
        Assert.That(inspect.Out, Does.Contain("5,000 leads"));
        var validate = await CliRunner.RunAsync("validate", scratch["demo"]);
        Assert.That(validate.ExitCode, Is.EqualTo(ExitCodes.Success), validate.ToString());
    }

    [Test]
    public async Task The_quickstart_runs_end_to_end_and_its_bundle_validates()
    {
        using var scratch = new ScratchFolder();
        Assert.That(await Quickstart.RunAsync(scratch["qs"], leads: 1_500), Is.True);
        Assert.That(File.Exists(scratch["touches-copy.parquet"]), Is.True, "the streaming snippet wrote its copy");
        Assert.That(Quickstart.RunWithDependencyInjection(), Is.EqualTo(1_000));
    }

    private static Dictionary<string, (string Language, string Code)> ReadmeSnippets() =>
        SnippetPattern().Matches(Readme).ToDictionary(m => m.Groups["name"].Value, m => (m.Groups["lang"].Value, m.Groups["code"].Value), StringComparer.Ordinal);

    /// <summary>Removes the common indentation and surrounding blank lines, unifies line ends.</summary>
    private static string Normalise(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..].TrimEnd() : l.Trim()));
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[a-z0-9-]+) -->\s*```(?<lang>[a-z]+)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SnippetPattern();

    [GeneratedRegex(@"#region (?<name>[a-z0-9-]+)\s*\n(?<body>.*?)#endregion", RegexOptions.Singleline)]
    private static partial Regex RegionPattern();
}
