using LeadForge.Tables;

namespace LeadForge.Tests.TestSupport;

/// <summary>Whole-column reads of a string column's codes and id numbers, for assertions.</summary>
internal static class StringColumnReads
{
    /// <summary>Every row's code (-1 for null) of a dictionary-encoded column.</summary>
    public static int[] AllCodes(this StringColumn column) => [.. Enumerable.Range(0, column.Length).Select(column.GetCode)];

    /// <summary>Every row's id number (0 for null) of an entity-id column.</summary>
    public static long[] AllEntityIdNumbers(this StringColumn column) => [.. Enumerable.Range(0, column.Length).Select(column.GetEntityIdNumber)];
}
