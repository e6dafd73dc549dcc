using LeadForge.Schemes;
using Microsoft.Extensions.Logging;

namespace LeadForge.Rendering;

/// <summary>The file format of tables and task splits in a saved bundle.</summary>
public enum TableFormat
{
    /// <summary>Apache Parquet (canonical): logical types, Snappy compression, bounded row groups.</summary>
    Parquet,

    /// <summary>RFC 4180 CSV: UTF-8, invariant culture, ISO-8601 timestamps and dates, empty cell for null.</summary>
    Csv,
}

/// <summary>How <c>WorldBundle.SaveAsync</c> writes a bundle to disk.</summary>
public sealed class SaveOptions
{
    /// <summary>The format of tables and task splits.</summary>
    /// <value><see cref="TableFormat.Parquet"/> by default.</value>
    public TableFormat Format { get; init; } = TableFormat.Parquet;

    /// <summary>
    /// Whether an existing non-empty target folder may be replaced (for a shard: whether this
    /// shard's existing part files may be replaced).
    /// </summary>
    /// <value><see langword="false"/> by default: a non-empty target is refused with <see cref="BundleWriteException"/>.</value>
    public bool Overwrite { get; init; }

    /// <summary>The clock used only for the manifest's <c>generated_at</c> field.</summary>
    /// <value><see cref="TimeProvider.System"/> by default.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives one <see cref="GenerationStage.Save"/> report per file written.</summary>
    /// <value><see langword="null"/> (no reports) by default.</value>
    public IProgress<GenerationProgress>? Progress { get; init; }

    /// <summary>The logger for per-file and summary messages.</summary>
    /// <value><see langword="null"/> (no logging) by default.</value>
    public ILogger? Logger { get; init; }

    /// <summary>The maximum number of rows in one Parquet row group.</summary>
    /// <value>100,000 by default. Must be positive.</value>
    public int RowGroupSize { get; init; } = 100_000;

    /// <summary>
    /// The maximum number of files written at the same time. The bytes of every file are the same
    /// for any value.
    /// </summary>
    /// <value><see langword="null"/> by default: <see cref="Environment.ProcessorCount"/>. Must be positive when set.</value>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Whether to write a CSV copy next to every Parquet table and split (ignored when <see cref="Format"/> is <see cref="TableFormat.Csv"/>).</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool IncludeCsvCopies { get; init; }
}
