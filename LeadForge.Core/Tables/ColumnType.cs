namespace LeadForge.Tables;

/// <summary>The logical type of a column.</summary>
public enum ColumnType
{
    /// <summary>Boolean.</summary>
    Boolean,

    /// <summary>32-bit signed integer.</summary>
    Int32,

    /// <summary>64-bit signed integer.</summary>
    Int64,

    /// <summary>64-bit floating point.</summary>
    Double,

    /// <summary>UTF-8 string.</summary>
    String,

    /// <summary>UTC timestamp (microsecond precision on disk).</summary>
    Timestamp,

    /// <summary>Calendar date.</summary>
    Date,
}
