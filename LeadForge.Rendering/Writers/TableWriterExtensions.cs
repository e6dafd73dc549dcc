using LeadForge.Rendering.Writers;
using LeadForge.Tables;

namespace LeadForge;

/// <summary>Streams any <see cref="Table"/> to any writable <see cref="Stream"/> as Parquet or CSV.</summary>
public static class TableWriterExtensions
{
    /// <summary>
    /// Writes the table as Parquet: logical types (timestamps as UTC microsecond <c>TIMESTAMP</c>,
    /// dates as <c>DATE</c>, strings as UTF-8), optional columns where the schema allows nulls, Snappy
    /// compression, and the LeadForge table schema as key-value metadata. Identical tables give
    /// identical bytes. The stream need not be seekable and is left open.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="rowGroupSize">The maximum rows per row group; 100,000 by default.</param>
    /// <param name="cancellationToken">Cancels the write between row groups.</param>
    /// <returns>A task that completes when the file footer is written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowGroupSize"/> is not positive.</exception>
    public static Task WriteParquetAsync(this Table table, Stream stream, int rowGroupSize = 100_000, CancellationToken cancellationToken = default) =>
        ParquetTableWriter.WriteAsync(table, stream, rowGroupSize, cancellationToken);

    /// <summary>
    /// Writes the table as RFC 4180 CSV (UTF-8 without BOM, CRLF, header row, invariant culture,
    /// ISO-8601 timestamps <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> and dates, empty cell for null).
    /// The stream is left open.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when everything is flushed to <paramref name="stream"/>.</returns>
    public static Task WriteCsvAsync(this Table table, Stream stream, CancellationToken cancellationToken = default) =>
        CsvTableWriter.WriteAsync(table, stream, cancellationToken);
}
