using System.CommandLine;
using LeadForge.Cli.CommandLine;
using LeadForge.Rendering;

namespace LeadForge.Cli.Commands;

/// <summary>
/// <c>leadforge clean [FOLDER]</c>: removes the temporary folders that killed saves left in FOLDER
/// (only those whose writing process is gone; see <see cref="BundleFolder.RemoveStaleTemporaries"/>).
/// </summary>
internal static class CleanCommand
{
    public static Command Create(CliConsole console)
    {
        var folder = new Argument<string>("folder") { Description = "The folder bundles are saved into.", DefaultValueFactory = _ => "." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be removed; remove nothing." };
        var command = new Command("clean", "Remove temporary folders left in FOLDER by saves whose process was killed (never a running save's, never anything else).")
        {
            folder, dryRun,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(folder);
            if (!Directory.Exists(path))
            {
                await console.Error.WriteLineAsync($"leadforge: error: '{path}' is not a folder.").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            var dry = parse.GetValue(dryRun);
            var removed = BundleFolder.RemoveStaleTemporaries(path, dry);
            foreach (var stale in removed)
            {
                await console.Out.WriteLineAsync($"{(dry ? "would remove" : "removed")} {stale}").ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync($"{removed.Count} stale temporary folder(s) {(dry ? "found" : "removed")} in {Path.GetFullPath(path)}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
