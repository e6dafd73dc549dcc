namespace LeadForge.Cli.CommandLine;

/// <summary>Where the tool writes: results to <paramref name="Out"/>, progress and errors to <paramref name="Error"/>.</summary>
/// <param name="Out">Standard output: summaries, reports, JSON.</param>
/// <param name="Error">Standard error: progress, log lines, the one-line error.</param>
/// <param name="IsInteractive">Whether <paramref name="Error"/> is a terminal (live progress bars) rather than a pipe or file (one line per stage).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive);
