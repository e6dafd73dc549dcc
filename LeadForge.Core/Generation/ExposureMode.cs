namespace LeadForge;

/// <summary>What a bundle reveals. Written to files as <c>student_public</c> / <c>research_instructor</c>.</summary>
public enum ExposureMode
{
    /// <summary>
    /// Snapshot-safe public view: tables cut at each entity's snapshot anchor, no labels or close
    /// outcomes in relational tables, no hidden truth. Written as <c>student_public</c>.
    /// </summary>
    StudentPublic,

    /// <summary>Everything, plus the hidden truth under <c>metadata/</c>. Written as <c>research_instructor</c>.</summary>
    ResearchInstructor,
}
