using System.CommandLine;
using System.Globalization;
using LeadForge.Cli.CommandLine;
using LeadForge.Validation;

namespace LeadForge.Cli.Commands;

/// <summary>
/// <c>leadforge quality-report</c>: generates the recipe's worlds over tiers × seeds, scores the
/// baselines, oracle, cohort shift and leakage probes, and writes the report as Markdown and JSON.
/// Exit 0 when every band holds, 1 when one does not.
/// </summary>
internal static class QualityReportCommand
{
    public static Command Create(CliConsole console)
    {
        var recipe = new Option<string>("--recipe", "-r") { Description = "Recipe id.", DefaultValueFactory = _ => "b2b_saas_procurement_v1" };
        var population = new PopulationOptions(minimum: 100);
        var seeds = new Option<long[]>("--seeds") { Description = "Seeds to run (space separated).", DefaultValueFactory = _ => [42, 43, 44, 45, 46], AllowMultipleArgumentsPerToken = true };
        var tiers = new Option<string[]>("--tiers")
        {
            Description = "Difficulty tiers to run (space separated). [default: intro intermediate advanced]",
            AllowMultipleArgumentsPerToken = true,
        };
        tiers.AcceptOnlyFromAmong(WireChoices.Of<Difficulty>());
        var overrides = new Option<FileInfo>("--override") { Description = "A YAML or JSON file whose keys override the recipe in every generated world." };
        overrides.AcceptExistingOnly();
        var output = new Option<string>("--out", "-o") { Description = "Write <out>.md and <out>.json (e.g. docs/quality-report); without it the Markdown goes to stdout." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on stderr." };
        var command = new Command("quality-report", "Run the tiers x seeds quality report (baselines, oracle AUC, cohort shift, leakage maxima) and check the difficulty bands.")
        {
            recipe,
        };
        population.AddTo(command);
        foreach (var option in new Option[] { seeds, tiers, overrides, output, quiet })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var options = new QualityReportOptions
            {
                RecipeId = parse.GetRequiredValue(recipe),
                Population = population.Counts(parse) is { Count: > 0 } counts ? counts : new QualityReportOptions().Population,
                Seeds = parse.GetValue(seeds) ?? [42],
                Tiers = parse.GetValue(tiers) is { Length: > 0 } chosen ? [.. chosen.Select(WireChoices.Parse<Difficulty>)] : new QualityReportOptions().Tiers,
                OverridesPath = parse.GetValue(overrides)?.FullName,
            };
            options.Validate();
            IProgress<QualityReportProgress>? progress = parse.GetValue(quiet) ? null : new LineProgress(console.Error);
            var report = await QualityReport.RunAsync(options, progress, ct).ConfigureAwait(false);
            if (parse.GetValue(output) is { } stem)
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(stem));
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }

                await File.WriteAllTextAsync(stem + ".md", report.ToMarkdown(), ct).ConfigureAwait(false);
                await File.WriteAllTextAsync(stem + ".json", report.ToJson(), ct).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"{report} -> {stem}.md, {stem}.json").ConfigureAwait(false);
            }
            else
            {
                await console.Out.WriteAsync(report.ToMarkdown()).ConfigureAwait(false);
            }

            return report.Passed ? ExitCodes.Success : ExitCodes.CheckFailed;
        });
        return command;
    }

    private sealed class LineProgress(TextWriter error) : IProgress<QualityReportProgress>
    {
        private readonly Lock _gate = new();

        public void Report(QualityReportProgress value)
        {
            lock (_gate)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leadforge: quality {value.Completed}/{value.Total}: {value.Tier.ToWire()} seed {value.Seed}: {value.Step}"));
            }
        }
    }
}
