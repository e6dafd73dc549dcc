using System.Buffers;
using System.Runtime.CompilerServices;
using LeadForge.Identifiers;
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
    private const int SmallPoolFreeBytes = 4 << 20;
    private const int LargePoolFreeBytes = 16 << 20;

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
        var options = new ParquetOptions
        {
            CompressionMethod = Codec,

            // Parquet.Net pools its page buffers process-wide; by default it keeps up to 80 MB of
            // them after use. A few pages' worth is enough for the files written in parallel.
            MaximumSmallPoolFreeBytes = SmallPoolFreeBytes,
            MaximumLargePoolFreeBytes = LargePoolFreeBytes,
        };
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
        ColumnType.Boolean => WriteValuesAsync(group, field, column.As<bool>(), start, count, ct),
        ColumnType.Int32 => WriteValuesAsync(group, field, column.As<int>(), start, count, ct),
        ColumnType.Int64 => WriteValuesAsync(group, field, column.As<long>(), start, count, ct),
        ColumnType.Double => WriteValuesAsync(group, field, column.As<double>(), start, count, ct),
        ColumnType.Date => WriteValuesAsync(group, field, column.As<DateOnly>(), start, count, ct),
        ColumnType.Timestamp => WriteTimestampsAsync(group, field, column.As<DateTime>(), start, count, ct),
        ColumnType.String => WriteStringsAsync(group, field, column.AsString(), start, count, ct),
        _ => throw new NotSupportedException($"Column '{column.Name}' has unsupported type {column.Type}."),
    };

    /// <summary>
    /// Writes a slice of a value column. Without nulls the column's own array is handed to Parquet.Net
    /// (no copy); with nulls the definition levels and the packed non-null values are built in pooled
    /// buffers — the same levels and values Parquet.Net derives from a nullable array.
    /// </summary>
    private static async Task WriteValuesAsync<T>(ParquetRowGroupWriter group, DataField field, ValueColumn<T> column, int start, int count, CancellationToken ct)
        where T : struct
    {
        if (!field.IsNullable)
        {
            await group.WriteAsync(field, column.ValuesMemory.Slice(start, count), null, null, ct).ConfigureAwait(false);
            return;
        }

        var levels = ArrayPool<int>.Shared.Rent(count);
        var packed = ArrayPool<T>.Shared.Rent(count);
        try
        {
            var present = Pack(column.Values.Slice(start, count), column.NullFlags, start, field.MaxDefinitionLevel, levels, packed);
            await group.WriteAllPartsAsync<T>(field, packed.AsMemory(0, present), levels.AsMemory(0, count), null, ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
            ArrayPool<int>.Shared.Return(levels);
        }
    }

    /// <summary>
    /// Timestamps are written as UTC: a value of kind <see cref="DateTimeKind.Local"/> is taken as
    /// UTC wall-clock time. Only a slice that has such a value is copied.
    /// </summary>
    private static Task WriteTimestampsAsync(ParquetRowGroupWriter group, DataField field, ValueColumn<DateTime> column, int start, int count, CancellationToken ct)
    {
        var values = column.Values.Slice(start, count);
        var hasLocal = false;
        foreach (var value in values)
        {
            if (value.Kind == DateTimeKind.Local)
            {
                hasLocal = true;
                break;
            }
        }

        if (!hasLocal)
        {
            return WriteValuesAsync(group, field, column, start, count, ct);
        }

        var utc = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var v = values[i];
            utc[i] = v.Kind == DateTimeKind.Local ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v;
        }

        var nulls = column.NullFlags.IsEmpty ? null : column.NullFlags.Slice(start, count).ToArray();
        return WriteValuesAsync(group, field, Column.FromValues(column.Schema, utc, nulls), 0, count, ct);
    }

    /// <summary>
    /// Writes a slice of a string column as <see cref="ReadOnlyMemory{T}"/> of chars, in pooled
    /// buffers: dictionary codes map to the dictionary's strings, entity ids are formatted into one
    /// shared char buffer, and no string is allocated.
    /// </summary>
    private static async Task WriteStringsAsync(ParquetRowGroupWriter group, DataField field, StringColumn column, int start, int count, CancellationToken ct)
    {
        var memories = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(count);
        var levels = field.IsNullable ? ArrayPool<int>.Shared.Rent(count) : null;
        char[]? chars = null;
        try
        {
            var maxLevel = field.MaxDefinitionLevel;
            int present;
            if (column.IsDictionaryEncoded)
            {
                present = FillFromCodes(column, start, count, maxLevel, memories, levels);
            }
            else if (column.IsEntityIdEncoded)
            {
                chars = ArrayPool<char>.Shared.Rent(EntityIdChars(column, start, count));
                present = FillFromEntityIds(column, start, count, maxLevel, memories, levels, chars);
            }
            else
            {
                present = FillFromStrings(column, start, count, maxLevel, memories, levels);
            }

            var values = new ReadOnlyMemory<ReadOnlyMemory<char>>(memories, 0, present);
            if (levels is null)
            {
                await group.WriteAsync(field, values, null, null, ct).ConfigureAwait(false);
            }
            else
            {
                await group.WriteAllPartsAsync(field, values, levels.AsMemory(0, count), null, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }

            if (levels is not null)
            {
                ArrayPool<int>.Shared.Return(levels);
            }

            // A plain column's strings must not stay reachable from the pool; dictionary entries and
            // the pooled id buffer may.
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(memories, clearArray: !column.IsDictionaryEncoded && !column.IsEntityIdEncoded);
        }
    }

    // The fill loops below run a handful of times per process, so they are compiled fully
    // optimised at once instead of starting in the unoptimised tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FillFromCodes(StringColumn column, int start, int count, int maxLevel, ReadOnlyMemory<char>[] memories, int[]? levels)
    {
        var dictionary = column.Dictionary;
        var entries = new ReadOnlyMemory<char>[dictionary.Count];
        for (var k = 0; k < entries.Length; k++)
        {
            entries[k] = dictionary[k].AsMemory();
        }

        var present = 0;
        for (var i = 0; i < count; i++)
        {
            var code = column.GetCode(start + i);
            if (code >= 0)
            {
                memories[present++] = entries[code];
            }

            levels?[i] = code >= 0 ? maxLevel : maxLevel - 1;
        }

        return present;
    }

    /// <summary>An upper bound of the characters the ids of a slice take.</summary>
    private static int EntityIdChars(StringColumn column, int start, int count)
    {
        var max = 1L;
        for (var i = 0; i < count; i++)
        {
            max = Math.Max(max, column.GetEntityIdNumber(start + i));
        }

        return checked(EntityId.GetFormattedLength(column.EntityIdPrefix, max) * count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FillFromEntityIds(StringColumn column, int start, int count, int maxLevel, ReadOnlyMemory<char>[] memories, int[]? levels, char[] chars)
    {
        var prefix = column.EntityIdPrefix;
        var used = 0;
        var present = 0;
        for (var i = 0; i < count; i++)
        {
            var n = column.GetEntityIdNumber(start + i);
            if (n > 0)
            {
                EntityId.TryFormat(prefix, n, chars.AsSpan(used), out var written);
                memories[present++] = chars.AsMemory(used, written);
                used += written;
            }

            levels?[i] = n > 0 ? maxLevel : maxLevel - 1;
        }

        return present;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FillFromStrings(StringColumn column, int start, int count, int maxLevel, ReadOnlyMemory<char>[] memories, int[]? levels)
    {
        var present = 0;
        for (var i = 0; i < count; i++)
        {
            var value = column[start + i];
            if (value is not null)
            {
                memories[present++] = value.AsMemory();
            }

            levels?[i] = value is not null ? maxLevel : maxLevel - 1;
        }

        return present;
    }

    /// <summary>Fills definition levels and packs the non-null values; returns how many are present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Pack<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls, int start, int maxLevel, int[] levels, T[] packed)
    {
        if (nulls.IsEmpty)
        {
            levels.AsSpan(0, values.Length).Fill(maxLevel);
            values.CopyTo(packed);
            return values.Length;
        }

        nulls = nulls.Slice(start, values.Length);
        var present = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (nulls[i])
            {
                levels[i] = maxLevel - 1;
            }
            else
            {
                levels[i] = maxLevel;
                packed[present++] = values[i];
            }
        }

        return present;
    }
}
