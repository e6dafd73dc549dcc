namespace LeadForge.Tables;

/// <summary>Who may see a table or a column.</summary>
public enum ExposureLevel
{
    /// <summary>Publishable in every bundle, student_public included. Written as <c>public</c>.</summary>
    Public,

    /// <summary>Only in research_instructor bundles; a student_public bundle that holds it fails validation. Written as <c>instructor_only</c>.</summary>
    InstructorOnly,
}

/// <summary>The exposure of a table or column, declared by the scheme with its schema and recorded in the manifest.</summary>
/// <param name="Level">Who may see it.</param>
/// <param name="Reason">Why it is restricted (e.g. "reveals the label"); empty for public content.</param>
public sealed record Exposure(ExposureLevel Level, string Reason)
{
    /// <summary>Publishable everywhere (the default of every table and column).</summary>
    public static Exposure Public { get; } = new(ExposureLevel.Public, string.Empty);

    /// <summary>Whether the content is restricted to instructor bundles.</summary>
    public bool IsInstructorOnly => Level == ExposureLevel.InstructorOnly;

    /// <summary>Instructor-only content.</summary>
    /// <param name="reason">Why it must not reach a student_public bundle.</param>
    /// <returns>The exposure.</returns>
    public static Exposure InstructorOnly(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(ExposureLevel.InstructorOnly, reason);
    }
}
