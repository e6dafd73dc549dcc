using DuckDB.NET.Data;

namespace LeadForge.Tests.TestSupport;

/// <summary>Reads query results from DuckDB, the independent reader the file tests check our output with.</summary>
internal static class DuckDbQueries
{
    /// <summary>Every row of <paramref name="sql"/>, each as its column values (null for SQL NULL).</summary>
    public static List<object?[]> Rows(this DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
