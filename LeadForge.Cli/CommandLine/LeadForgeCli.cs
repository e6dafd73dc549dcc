using System.CommandLine;
using System.CommandLine.Invocation;
using LeadForge.Cli.Commands;
using LeadForge.Configuration;

namespace LeadForge.Cli.CommandLine;

/// <summary>
/// The <c>leadforge</c> command line: builds the command tree, parses, runs, and turns every failure
/// into one line on standard error and an exit code (<see cref="ExitCodes"/>). Tests call
/// <see cref="RunAsync"/> in-process with their own writers.
/// </summary>
internal static partial class LeadForgeCli
{
    /// <summary>Parses and runs one command line.</summary>
    /// <param name="args">The arguments (without the program name).</param>
    /// <param name="console">Where output, progress and errors go.</param>
    /// <param name="cancellationToken">Cancels the command (Ctrl+C is wired in addition when run as a process).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildRootCommand(console);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var command = parse.CommandResult.Command;
            var commandPath = command == root ? "leadforge" : $"leadforge {command.Name}";
            var message = string.Join(" ", parse.Errors.Select(e => Readable(OneLine(e.Message))));
            await console.Error.WriteLineAsync($"leadforge: error: {message} (see '{commandPath} --help')").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        try
        {
            var invocation = new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,

                // The process's signals are turned into cancellationToken by Program (TerminationSignals),
                // from the first instruction on; tests pass their own token.
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("leadforge: cancelled; nothing was left at the output path.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (IsInputError(ex))
        {
            await console.Error.WriteLineAsync($"leadforge: error: {Describe(ex)}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }
        catch (Exception ex)
        {
            await console.Error.WriteLineAsync($"leadforge: internal error: {ex.GetType().Name}: {OneLine(ex.Message)} (this is a defect in LeadForge; please report it)").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>Builds the command tree.</summary>
    /// <param name="console">Where commands write.</param>
    /// <returns>The root command.</returns>
    internal static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand(
            "leadforge: generate synthetic CRM, funnel and lead-scoring dataset bundles by simulating a commercial world, then inspect and validate them.")
        {
            ListRecipesCommand.Create(console),
            GenerateCommand.Create(console),
            InspectCommand.Create(console),
            ValidateCommand.Create(console),
            QualityReportCommand.Create(console),
            CleanCommand.Create(console),
        };
        return root;
    }

    /// <summary>Collapses a possibly multi-line message into one line.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The message with line breaks replaced by <c>; </c>.</returns>
    internal static string OneLine(string message) =>
        string.Join("; ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Rewrites the parser's "as expected type 'System.Nullable`1[System.Int32]'" into words a user
    /// reads ("a whole number"): a command line never shows a .NET type name.
    /// </summary>
    internal static string Readable(string message) => ClrTypeName().Replace(message, m => "(expected " + m.Groups["type"].Value switch
    {
        "Int32" or "Int64" or "Int16" or "UInt32" or "UInt64" => "a whole number",
        "Double" or "Single" or "Decimal" => "a number",
        "Boolean" => "true or false",
        "DateOnly" => "a date (yyyy-mm-dd)",
        "DateTime" or "DateTimeOffset" => "a date and time",
        var other => "a value of kind " + other,
    } + ")");

    [System.Text.RegularExpressions.GeneratedRegex(@"as expected type '(?:System\.Nullable`1\[)?(?:System\.Collections\.Generic\.[A-Za-z`0-9]+\[)?System\.(?<type>[A-Za-z0-9]+)(?:\[\])?\]*'")]
    private static partial System.Text.RegularExpressions.Regex ClrTypeName();

    private static bool IsInputError(Exception ex) =>
        ex is LeadForgeException or IOException or UnauthorizedAccessException or FormatException;

    private static string Describe(Exception ex) => ex switch
    {
        ConfigValidationException config => $"the configuration is invalid: {string.Join("; ", config.Problems.Select(p => OneLine(p.ToString())))}",
        _ => OneLine(ex.Message),
    };
}
