using LeadForge.Cli.CommandLine;

namespace LeadForge.Tests.Cli;

/// <summary>The outcome of one in-process <c>leadforge</c> run.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the <c>leadforge</c> command line in-process with captured output.</summary>
internal static class CliRunner
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = await LeadForgeCli.RunAsync(args, new CliConsole(output, error, IsInteractive: false), CancellationToken.None);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
