using LeadForge.Cli.CommandLine;

namespace LeadForge.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // First: a termination signal cancels whatever runs next, config reading included.
        using var signals = new TerminationSignals(Environment.Exit);
        var code = await LeadForgeCli.RunAsync(args, new CliConsole(Console.Out, Console.Error, IsInteractive: !Console.IsErrorRedirected), signals.Token).ConfigureAwait(false);
        return code == ExitCodes.Cancelled && signals.ExitCode is { } signalled ? signalled : code;
    }
}
