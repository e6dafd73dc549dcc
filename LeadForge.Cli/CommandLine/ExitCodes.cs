namespace LeadForge.Cli.CommandLine;

/// <summary>The process exit codes of the <c>leadforge</c> tool.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (for <c>validate</c>: every blocking check passed).</summary>
    public const int Success = 0;

    /// <summary><c>validate</c> ran and at least one blocking check failed.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input or the command could not run (usage error, bad recipe or override, unreadable bundle, unwritable output).</summary>
    public const int InputError = 2;

    /// <summary>An unexpected internal error (a defect in LeadForge; please report it).</summary>
    public const int InternalError = 70;

    /// <summary>The run was cancelled (Ctrl+C / SIGTERM).</summary>
    public const int Cancelled = 130;
}
