namespace LeadForge.Configuration;

/// <summary>One problem found while binding or validating configuration.</summary>
/// <param name="KeyPath">The dotted key path, e.g. <c>difficulty_profiles.advanced.missing_rate</c>.</param>
/// <param name="Message">What is wrong, e.g. <c>1.7 is outside [0, 1]</c>.</param>
/// <param name="Location">The file or resource the value came from, when known.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Column">The 1-based column, when known.</param>
public sealed record ConfigProblem(string KeyPath, string Message, string? Location = null, int? Line = null, int? Column = null)
{
    /// <summary>Formats the problem as <c>key.path: message (file:line:column)</c>.</summary>
    /// <returns>The formatted problem.</returns>
    public override string ToString()
    {
        var where = Line is > 0 ? $" ({Location ?? "<input>"}:{Line}:{Column})" : string.Empty;
        return $"{(KeyPath.Length == 0 ? "(root)" : KeyPath)}: {Message}{where}";
    }
}

/// <summary>
/// Configuration (recipe, override file or builder values) is invalid. Raised once, before any
/// work starts, listing every problem with its key path.
/// </summary>
public sealed class ConfigValidationException : LeadForgeException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">Every problem; at least one.</param>
    public ConfigValidationException(IReadOnlyList<ConfigProblem> problems)
        : base(FormatMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string FormatMessage(IReadOnlyList<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 1)
        {
            return "Invalid configuration: " + problems[0];
        }

        return $"Invalid configuration ({problems.Count} problems):" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
    }
}
