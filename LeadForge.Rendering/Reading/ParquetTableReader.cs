using LeadForge.Rendering.Writers;
using LeadForge.Tables;
using Parquet;
using Parquet.Schema;

namespace LeadForge.Rendering.Reading;

/// <summary>Reads a Parquet file back into a <see cref="Table"/> with LeadForge column types.</summary>
internal static class ParquetTableReader
{
    public static async Task<Table> ReadAsync(Stream stream, TableSchema? schema, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                copy.Position = 0;
                stream = copy;
            }

            var options = new ParquetOptions { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = true };
            var reader = await ParquetReader.CreateAsync(stream, options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var fields = reader.Schema.DataFields;
                var resolved = schema
                    ?? (reader.CustomMetadata.TryGetValue(TableSchemaMetadata.Key, out var json) ? TableSchemaMetadata.FromJson(json) : Infer(fields, source));
                var rows = reader.RowGroups.Sum(g => g.RowCount);
                if (rows > int.MaxValue)
                {
                    throw new BundleFormatException($"{source} has {rows} rows; a table holds at most {int.MaxValue}.");
                }

                var columns = new Column[resolved.Columns.Count];
                for (var c = 0; c < columns.Length; c++)
                {
                    var column = resolved.Columns[c];
                    var field = fields.FirstOrDefault(f => f.Name == column.Name)
                        ?? throw new BundleFormatException($"{source} has no column '{column.Name}'. Columns: {string.Join(", ", fields.Select(f => f.Name))}.");
                    var actual = TypeOf(field, source);
                    if (actual != column.Type)
                    {
                        throw new BundleFormatException($"{source}: column '{column.Name}' is {actual} in the file but {column.Type} in the schema.");
                    }

                    columns[c] = await ReadColumnAsync(reader, field, column, (int)rows, cancellationToken).ConfigureAwait(false);
                }

                return new Table(resolved, columns);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not LeadForgeException and not ArgumentNullException)
        {
            throw new BundleFormatException($"{source} cannot be read as a LeadForge Parquet table: {ex.Message}", ex);
        }
    }

    private static TableSchema Infer(IReadOnlyList<DataField> fields, string source) => new(
        "table",
        string.Empty,
        fields.Select(f => new ColumnSchema(f.Name, TypeOf(f, source), f.IsNullable, string.Empty)).ToArray());

    private static ColumnType TypeOf(DataField field, string source)
    {
        if (field.IsArray)
        {
            throw new BundleFormatException($"{source}: column '{field.Name}' is a list; LeadForge tables hold scalar columns only.");
        }

        var t = field.ClrType;
        return t == typeof(bool) ? ColumnType.Boolean
            : t == typeof(int) ? ColumnType.Int32
            : t == typeof(long) ? ColumnType.Int64
            : t == typeof(double) ? ColumnType.Double
            : t == typeof(string) || t == typeof(ReadOnlyMemory<char>) ? ColumnType.String
            : t == typeof(DateTime) ? ColumnType.Timestamp
            : t == typeof(DateOnly) ? ColumnType.Date
            : throw new BundleFormatException($"{source}: column '{field.Name}' has type {t.Name}, which LeadForge tables do not use.");
    }

    private static async Task<Column> ReadColumnAsync(ParquetReader reader, DataField field, ColumnSchema column, int rows, CancellationToken ct)
    {
        switch (column.Type)
        {
            case ColumnType.Boolean:
                return await ReadValuesAsync<bool>(reader, field, column, rows, null, ct).ConfigureAwait(false);
            case ColumnType.Int32:
                return await ReadValuesAsync<int>(reader, field, column, rows, null, ct).ConfigureAwait(false);
            case ColumnType.Int64:
                return await ReadValuesAsync<long>(reader, field, column, rows, null, ct).ConfigureAwait(false);
            case ColumnType.Double:
                return await ReadValuesAsync<double>(reader, field, column, rows, null, ct).ConfigureAwait(false);
            case ColumnType.Date:
                return await ReadValuesAsync<DateOnly>(reader, field, column, rows, null, ct).ConfigureAwait(false);
            case ColumnType.Timestamp:
                return await ReadValuesAsync<DateTime>(reader, field, column, rows, v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc), ct).ConfigureAwait(false);
            default:
                var values = new string?[rows];
                var offset = 0;
                foreach (var group in reader.RowGroups)
                {
                    ct.ThrowIfCancellationRequested();
                    var n = (int)group.RowCount;
                    await group.ReadAsync(field, values.AsMemory(offset, n), null, ct).ConfigureAwait(false);
                    offset += n;
                }

                RequireNoNulls(column, values.Any(v => v is null));
                return Column.FromStrings(column, values);
        }
    }

    private static async Task<Column> ReadValuesAsync<T>(ParquetReader reader, DataField field, ColumnSchema column, int rows, Func<T, T>? map, CancellationToken ct)
        where T : struct
    {
        var values = new T[rows];
        bool[]? nulls = null;
        var offset = 0;
        foreach (var group in reader.RowGroups)
        {
            ct.ThrowIfCancellationRequested();
            var n = (int)group.RowCount;
            if (field.IsNullable)
            {
                var buffer = new T?[n];
                await group.ReadAsync<T>(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] is { } v)
                    {
                        values[offset + i] = map is null ? v : map(v);
                    }
                    else
                    {
                        nulls ??= new bool[rows];
                        nulls[offset + i] = true;
                    }
                }
            }
            else
            {
                await group.ReadAsync<T>(field, values.AsMemory(offset, n), null, ct).ConfigureAwait(false);
                if (map is not null)
                {
                    for (var i = offset; i < offset + n; i++)
                    {
                        values[i] = map(values[i]);
                    }
                }
            }

            offset += n;
        }

        RequireNoNulls(column, nulls is not null);
        return Column.FromValues(column, values, nulls);
    }

    private static void RequireNoNulls(ColumnSchema column, bool hasNulls)
    {
        if (hasNulls && !column.Nullable)
        {
            throw new BundleFormatException($"Column '{column.Name}' holds nulls but the schema declares it non-nullable.");
        }
    }
}
