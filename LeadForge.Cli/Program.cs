using LeadForge.Cli.CommandLine;

namespace LeadForge.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) =>
        LeadForgeCli.RunAsync(args, new CliConsole(Console.Out, Console.Error, IsInteractive: !Console.IsErrorRedirected), CancellationToken.None);
}
