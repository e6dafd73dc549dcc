using LeadForge.Tables;
using Parquet;
using Parquet.Schema;

namespace LeadForge.Rendering.Writers;

/// <summary>
/// Writes a <see cref="Table"/> as Parquet: logical types (UTC microsecond timestamps, dates, UTF-8
/// strings), optional (nullable) columns where the schema allows nulls, Snappy compression, row
/// groups of at most the requested size, and the LeadForge schema as key-value metadata.
/// The output depends only on the table, so identical tables give identical bytes.
/// </summary>
internal static class ParquetTableWriter
{
    public const CompressionMethod Codec = CompressionMethod.Snappy;

    public static async Task WriteAsync(Table table, Stream stream, int rowGroupSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowGroupSize);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var fields = table.Schema.Columns.Select(ToField).ToArray();
        var options = new ParquetOptions { CompressionMethod = Codec };
        foreach (var (column, field) in table.Schema.Columns.Zip(fields))
        {
            if (column.DictionaryEncoded)
            {
                options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        // The forward-only wrapper lets Parquet.Net write to non-seekable streams and keeps it from seeking.
        using var output = new CountingHashStream(stream, computeHash: false);
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, options, append: false, cancellationToken).ConfigureAwait(false))
        {
            writer.CustomMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [TableSchemaMetadata.Key] = TableSchemaMetadata.ToJson(table.Schema),
            };
            for (var start = 0; start < table.RowCount; start += rowGroupSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(rowGroupSize, table.RowCount - start);
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < fields.Length; c++)
                {
                    await WriteColumnAsync(group, fields[c], table.Columns[c], start, count, cancellationToken).ConfigureAwait(false);
                }

                group.CompleteValidate();
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Parquet field of a LeadForge column.</summary>
    internal static DataField ToField(ColumnSchema column) => column.Type switch
    {
        ColumnType.Boolean => new DataField<bool>(column.Name, column.Nullable),
        ColumnType.Int32 => new DataField<int>(column.Name, column.Nullable),
        ColumnType.Int64 => new DataField<long>(column.Name, column.Nullable),
        ColumnType.Double => new DataField<double>(column.Name, column.Nullable),
        ColumnType.String => new DataField<string>(column.Name, column.Nullable),
        ColumnType.Date => new DataField<DateOnly>(column.Name, column.Nullable),
        ColumnType.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: column.Nullable),
        _ => throw new NotSupportedException($"Column '{column.Name}' has unsupported type {column.Type}."),
    };

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Column column, int start, int count, CancellationToken ct) => column.Type switch
    {
        ColumnType.Boolean => WriteValuesAsync(group, field, column.As<bool>(), start, count, null, ct),
        ColumnType.Int32 => WriteValuesAsync(group, field, column.As<int>(), start, count, null, ct),
        ColumnType.Int64 => WriteValuesAsync(group, field, column.As<long>(), start, count, null, ct),
        ColumnType.Double => WriteValuesAsync(group, field, column.As<double>(), start, count, null, ct),
        ColumnType.Date => WriteValuesAsync(group, field, column.As<DateOnly>(), start, count, null, ct),
        ColumnType.Timestamp => WriteValuesAsync(group, field, column.As<DateTime>(), start, count, AsUtc, ct),
        ColumnType.String => WriteStringsAsync(group, field, column.AsString(), start, count),
        _ => throw new NotSupportedException($"Column '{column.Name}' has unsupported type {column.Type}."),
    };

    private static DateTime AsUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static Task WriteValuesAsync<T>(ParquetRowGroupWriter group, DataField field, ValueColumn<T> column, int start, int count, Func<T, T>? map, CancellationToken ct)
        where T : struct
    {
        var values = column.Values.Slice(start, count);
        if (field.IsNullable)
        {
            var nullable = new T?[count];
            for (var i = 0; i < count; i++)
            {
                nullable[i] = column.IsNull(start + i) ? null : map is null ? values[i] : map(values[i]);
            }

            return group.WriteAsync<T>(field, nullable, null, null, ct);
        }

        var plain = values.ToArray();
        if (map is not null)
        {
            for (var i = 0; i < plain.Length; i++)
            {
                plain[i] = map(plain[i]);
            }
        }

        return group.WriteAsync<T>(field, plain, null, null, ct);
    }

    private static Task WriteStringsAsync(ParquetRowGroupWriter group, DataField field, StringColumn column, int start, int count)
    {
        var values = new string?[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = column[start + i];
        }

        return group.WriteAsync(field, values!, null);
    }
}
