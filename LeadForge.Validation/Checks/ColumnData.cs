using System.Globalization;
using System.IO.Hashing;
using System.Text;
using LeadForge.Tables;

namespace LeadForge.Validation.Checks;

/// <summary>Type-generic reads of columns as numbers, categorical keys and hashes.</summary>
internal static class ColumnData
{
    public static bool IsNumeric(ColumnType type) => type is ColumnType.Int32 or ColumnType.Int64 or ColumnType.Double;

    public static bool IsTemporal(ColumnType type) => type is ColumnType.Timestamp or ColumnType.Date;

    public static bool IsCategorical(ColumnType type) => type is ColumnType.String or ColumnType.Boolean;

    /// <summary>Numeric view (timestamps and dates as fractional days since 0001-01-01); NaN for null.</summary>
    public static double[] Numeric(Column column)
    {
        var n = column.Length;
        var result = new double[n];
        switch (column.Type)
        {
            case ColumnType.Int32:
                Fill(column.As<int>(), result, v => v);
                break;
            case ColumnType.Int64:
                Fill(column.As<long>(), result, v => v);
                break;
            case ColumnType.Double:
                Fill(column.As<double>(), result, v => v);
                break;
            case ColumnType.Boolean:
                Fill(column.As<bool>(), result, v => v ? 1 : 0);
                break;
            case ColumnType.Timestamp:
                Fill(column.As<DateTime>(), result, v => v.Ticks / (double)TimeSpan.TicksPerDay);
                break;
            case ColumnType.Date:
                Fill(column.As<DateOnly>(), result, v => v.DayNumber);
                break;
            default:
                throw new InvalidOperationException($"Column '{column.Name}' ({column.Type}) is not numeric.");
        }

        return result;
    }

    /// <summary>Categorical keys (null for a null cell).</summary>
    public static string?[] Keys(Column column)
    {
        if (column is StringColumn s)
        {
            return s.ToArray();
        }

        var result = new string?[column.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = column.GetValue(i) switch
            {
                null => null,
                bool b => b ? "true" : "false",
                DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            };
        }

        return result;
    }

    /// <summary>A deterministic hash of each cell's key in [0, 1) (null cells hash the empty key).</summary>
    public static double[] Hash(Column column) => Hash(Keys(column));

    /// <summary>A deterministic hash of each key in [0, 1) (a null key hashes as the empty key).</summary>
    public static double[] Hash(string?[] keys)
    {
        var result = new double[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var h = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(keys[i] ?? string.Empty));
            result[i] = (h >> 11) * (1.0 / (1UL << 53));
        }

        return result;
    }

    /// <summary>The labels of a boolean label column; null when the column is absent, not boolean or has nulls.</summary>
    public static bool[]? Labels(Table table, string labelColumn)
    {
        if (!table.HasColumn(labelColumn) || table[labelColumn].Type != ColumnType.Boolean || table[labelColumn].NullCount > 0)
        {
            return null;
        }

        return table[labelColumn].As<bool>().Values.ToArray();
    }

    private static void Fill<T>(ValueColumn<T> column, double[] result, Func<T, double> map)
        where T : struct
    {
        var values = column.Values;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = column.IsNull(i) ? double.NaN : map(values[i]);
        }
    }
}
