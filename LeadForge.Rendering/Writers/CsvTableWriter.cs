using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using LeadForge.Identifiers;
using LeadForge.Tables;

namespace LeadForge.Rendering.Writers;

/// <summary>
/// Writes a <see cref="Table"/> as RFC 4180 CSV: UTF-8 without BOM, CRLF line ends, a header row,
/// invariant culture, round-trip doubles, <c>true</c>/<c>false</c>, ISO-8601 UTC timestamps
/// (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>) and dates (<c>yyyy-MM-dd</c>), an empty cell for null and
/// <c>""</c> for an empty string.
/// </summary>
internal static class CsvTableWriter
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    public const string DateFormat = "yyyy-MM-dd";
    private const string LineEnd = "\r\n";
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task WriteAsync(Table table, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var columns = table.Columns;
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                WriteText(writer, columns[c].Name);
            }

            writer.Write(LineEnd);
            var cells = new CellWriter[columns.Count];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = CellWriter.For(columns[c]);
            }

            WriteRows(writer, cells, table.RowCount, cancellationToken);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the data rows; runs once per file, so it is compiled fully optimised at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRows(StreamWriter writer, CellWriter[] cells, int rows, CancellationToken cancellationToken)
    {
        Span<char> buffer = stackalloc char[64];
        for (var r = 0; r < rows; r++)
        {
            if ((r & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var c = 0; c < cells.Length; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                cells[c].Write(writer, r, buffer);
            }

            writer.Write(LineEnd);
        }
    }

    /// <summary>The text of a non-null string cell: <c>""</c> for empty, quoted when it holds a comma, quote or line break.</summary>
    private static string CellText(string text) =>
        text.Length == 0 ? "\"\""
        : text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text
        : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Writes the cells of one column, resolved once per column so rows need no type dispatch.</summary>
    private abstract class CellWriter
    {
        public abstract void Write(StreamWriter writer, int row, Span<char> buffer);

        public static CellWriter For(Column column) => column.Type switch
        {
            ColumnType.String => column.AsString() switch
            {
                { IsDictionaryEncoded: true } dictionary => new DictionaryCells(dictionary),
                { IsEntityIdEncoded: true } ids => new EntityIdCells(ids),
                var plain => new StringCells(plain),
            },
            ColumnType.Boolean => new ValueCells<bool>(column.As<bool>(), static (v, buffer) => (v ? "true" : "false").AsSpan().TryCopyTo(buffer) ? (v ? 4 : 5) : 0),
            ColumnType.Int32 => new ValueCells<int>(column.As<int>(), static (v, buffer) => v.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture) ? n : 0),
            ColumnType.Int64 => new ValueCells<long>(column.As<long>(), static (v, buffer) => v.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture) ? n : 0),
            ColumnType.Double => new ValueCells<double>(column.As<double>(), static (v, buffer) => v.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture) ? n : 0),
            ColumnType.Timestamp => new ValueCells<DateTime>(column.As<DateTime>(), static (v, buffer) =>
                (v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v).TryFormat(buffer, out var n, TimestampFormat, CultureInfo.InvariantCulture) ? n : 0),
            ColumnType.Date => new ValueCells<DateOnly>(column.As<DateOnly>(), static (v, buffer) => v.TryFormat(buffer, out var n, DateFormat, CultureInfo.InvariantCulture) ? n : 0),
            _ => throw new NotSupportedException($"Column '{column.Name}' has unsupported type {column.Type}."),
        };
    }

    private sealed class ValueCells<T>(ValueColumn<T> column, ValueCells<T>.Formatter format) : CellWriter
        where T : struct
    {
        public delegate int Formatter(T value, Span<char> buffer);

        public override void Write(StreamWriter writer, int row, Span<char> buffer)
        {
            if (!column.IsNull(row))
            {
                writer.Write(buffer[..format(column.Values[row], buffer)]);
            }
        }
    }

    private sealed class StringCells(StringColumn column) : CellWriter
    {
        public override void Write(StreamWriter writer, int row, Span<char> buffer)
        {
            if (column[row] is { } text)
            {
                writer.Write(CellText(text));
            }
        }
    }

    private sealed class DictionaryCells(StringColumn column) : CellWriter
    {
        private readonly string[] _texts = column.Dictionary.Select(CellText).ToArray();

        public override void Write(StreamWriter writer, int row, Span<char> buffer)
        {
            var code = column.GetCode(row);
            if (code >= 0)
            {
                writer.Write(_texts[code]);
            }
        }
    }

    private sealed class EntityIdCells(StringColumn column) : CellWriter
    {
        private readonly string _prefix = column.EntityIdPrefix;

        // An id is prefix + '_' + digits, so it needs quoting only if the prefix does.
        private readonly bool _quote = CellText(column.EntityIdPrefix) != column.EntityIdPrefix;

        public override void Write(StreamWriter writer, int row, Span<char> buffer)
        {
            var number = column.GetEntityIdNumber(row);
            if (number == 0)
            {
                return;
            }

            if (_quote || !EntityId.TryFormat(_prefix, number, buffer, out var written))
            {
                writer.Write(CellText(EntityId.Format(_prefix, number)));
                return;
            }

            writer.Write(buffer[..written]);
        }
    }

    private static void WriteText(StreamWriter writer, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}
