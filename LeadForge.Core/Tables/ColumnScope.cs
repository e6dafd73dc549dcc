namespace LeadForge.Tables;

/// <summary>Which columns of a <see cref="TableDefinition"/> a rendering holds.</summary>
public enum ColumnScope
{
    /// <summary>Every declared column (research_instructor bundles).</summary>
    All,

    /// <summary>Only the columns whose exposure is public: instructor-only columns are left out (student_public bundles).</summary>
    Public,
}
