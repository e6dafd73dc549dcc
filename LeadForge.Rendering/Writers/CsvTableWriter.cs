using System.Globalization;
using System.Text;
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
            Span<char> buffer = stackalloc char[64];
            for (var r = 0; r < table.RowCount; r++)
            {
                if ((r & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0)
                    {
                        writer.Write(',');
                    }

                    WriteCell(writer, columns[c], r, buffer);
                }

                writer.Write(LineEnd);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteCell(StreamWriter writer, Column column, int row, Span<char> buffer)
    {
        if (column.IsNull(row))
        {
            return;
        }

        int written;
        switch (column.Type)
        {
            case ColumnType.String:
                var text = column.AsString()[row]!;
                if (text.Length == 0)
                {
                    writer.Write("\"\"");
                }
                else
                {
                    WriteText(writer, text);
                }

                return;
            case ColumnType.Boolean:
                writer.Write(column.As<bool>().Values[row] ? "true" : "false");
                return;
            case ColumnType.Int32:
                column.As<int>().Values[row].TryFormat(buffer, out written, default, CultureInfo.InvariantCulture);
                break;
            case ColumnType.Int64:
                column.As<long>().Values[row].TryFormat(buffer, out written, default, CultureInfo.InvariantCulture);
                break;
            case ColumnType.Double:
                column.As<double>().Values[row].TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
                break;
            case ColumnType.Timestamp:
                var t = column.As<DateTime>().Values[row];
                t = t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t;
                t.TryFormat(buffer, out written, TimestampFormat, CultureInfo.InvariantCulture);
                break;
            case ColumnType.Date:
                column.As<DateOnly>().Values[row].TryFormat(buffer, out written, DateFormat, CultureInfo.InvariantCulture);
                break;
            default:
                throw new NotSupportedException($"Column '{column.Name}' has unsupported type {column.Type}.");
        }

        writer.Write(buffer[..written]);
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
