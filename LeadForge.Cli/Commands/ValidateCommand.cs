using System.CommandLine;
using LeadForge.Cli.CommandLine;
using LeadForge.Validation;

namespace LeadForge.Cli.Commands;

/// <summary>
/// <c>leadforge validate BUNDLE [--json | --markdown]</c>: runs every check of SPEC §7 on a saved
/// bundle. Exit 0 when every blocking check passes, 1 when one fails, 2 when the bundle cannot be
/// read at all.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "The bundle folder to validate." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var markdown = new Option<bool>("--markdown") { Description = "Write the report as Markdown." };
        var command = new Command("validate", "Validate a saved bundle: hashes, structure, time, exposure, leakage probes, realism, difficulty, drift. Exit 0 pass, 1 a check failed, 2 could not run.")
        {
            bundle, json, markdown,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(json) && r.GetValue(markdown))
            {
                r.AddError("--json and --markdown cannot be combined.");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(bundle);
            var report = await new BundleValidator().ValidateAsync(path, ct).ConfigureAwait(false);
            var text = parse.GetValue(json) ? report.ToJson() : parse.GetValue(markdown) ? report.ToMarkdown() : report.ToText();
            await console.Out.WriteAsync(text.EndsWith('\n') ? text : text + "\n").ConfigureAwait(false);
            if (!report.Passed)
            {
                var failed = report.Checks.Where(c => c.IsBlocking).Select(c => c.Id).ToArray();
                await console.Error.WriteLineAsync($"leadforge: validation failed: {failed.Length} blocking check(s) failed ({string.Join(", ", failed)}).").ConfigureAwait(false);
                return ExitCodes.CheckFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
