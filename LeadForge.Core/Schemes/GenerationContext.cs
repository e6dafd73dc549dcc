using System.Diagnostics;
using LeadForge.Calendar;
using LeadForge.Configuration;
using LeadForge.Randomness;
using Microsoft.Extensions.Logging;

namespace LeadForge.Schemes;

/// <summary>Everything a scheme needs for one run: config, random source, calendar, parallelism, shard, progress, cancellation, logging.</summary>
public sealed partial class GenerationContext
{
    private readonly IProgress<GenerationProgress>? _progress;
    private GenerationStage _stage;

    internal GenerationContext(GenerationConfig config, int degreeOfParallelism, ShardSpec? shard, IProgress<GenerationProgress>? progress, ILogger logger, CancellationToken cancellationToken)
    {
        Config = config;
        Random = RandomSource.FromSeed(config.Seed);
        Calendar = config.Calendar;
        DegreeOfParallelism = degreeOfParallelism;
        Shard = shard;
        _progress = progress;
        Logger = logger;
        CancellationToken = cancellationToken;
    }

    /// <summary>The resolved configuration.</summary>
    public GenerationConfig Config { get; }

    /// <summary>The root of the run's named random substreams.</summary>
    public RandomSource Random { get; }

    /// <summary>The world calendar.</summary>
    public WorldCalendar Calendar { get; }

    /// <summary>The maximum number of threads to use; output never depends on it.</summary>
    public int DegreeOfParallelism { get; }

    /// <summary>The shard to produce, or <see langword="null"/> for the whole world.</summary>
    public ShardSpec? Shard { get; }

    /// <summary>The token that cancels the run.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The logger (a null logger when none was given).</summary>
    public ILogger Logger { get; }

    /// <summary>The stage being run.</summary>
    public GenerationStage Stage => _stage;

    /// <summary>Reports progress within the current stage.</summary>
    /// <param name="fraction">The completed fraction of the stage, in [0, 1].</param>
    /// <param name="detail">An optional note.</param>
    public void ReportProgress(double fraction, string? detail = null) =>
        _progress?.Report(new GenerationProgress(_stage, Math.Clamp(fraction, 0, 1), detail));

    /// <summary>
    /// Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>) on up to
    /// <see cref="DegreeOfParallelism"/> threads, checking cancellation. Bodies must write only to
    /// their own index's slots so the result does not depend on scheduling.
    /// </summary>
    /// <param name="count">The number of work items.</param>
    /// <param name="body">The work for one index.</param>
    public void ParallelFor(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        CancellationToken.ThrowIfCancellationRequested();
        if (DegreeOfParallelism <= 1 || count <= 1)
        {
            for (var i = 0; i < count; i++)
            {
                CancellationToken.ThrowIfCancellationRequested();
                body(i);
            }

            return;
        }

        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = DegreeOfParallelism, CancellationToken = CancellationToken }, body);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
            throw;
        }
    }

    internal T RunStage<T>(GenerationStage stage, Func<T> run)
    {
        CancellationToken.ThrowIfCancellationRequested();
        _stage = stage;
        var started = Stopwatch.GetTimestamp();
        LogStageStarted(Logger, stage);
        ReportProgress(0);
        var result = run();
        CancellationToken.ThrowIfCancellationRequested();
        ReportProgress(1);
        LogStageFinished(Logger, stage, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Stage {Stage} started")]
    private static partial void LogStageStarted(ILogger logger, GenerationStage stage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stage {Stage} finished in {ElapsedMs:F1} ms")]
    private static partial void LogStageFinished(ILogger logger, GenerationStage stage, double elapsedMs);
}

/// <summary>The stages of a generation run, in order.</summary>
public enum GenerationStage
{
    /// <summary>Population plan: ids, arrivals, assignments.</summary>
    Plan,

    /// <summary>Hidden world: structure and latents.</summary>
    BuildWorld,

    /// <summary>Day-by-day simulation.</summary>
    Simulate,

    /// <summary>Tables, tasks and exposure.</summary>
    Render,

    /// <summary>Writing a bundle to disk.</summary>
    Save,
}

/// <summary>Progress of a generation run.</summary>
/// <param name="Stage">The current stage.</param>
/// <param name="Fraction">The completed fraction of the stage, in [0, 1].</param>
/// <param name="Detail">An optional note.</param>
public sealed record GenerationProgress(GenerationStage Stage, double Fraction, string? Detail = null);

/// <summary>
/// One shard of a sharded run: shard <see cref="Index"/> of <see cref="Count"/>. Partition entities
/// (accounts for the built-in schemes) are split into contiguous, nearly equal ranges.
/// </summary>
/// <param name="Index">The 0-based shard index.</param>
/// <param name="Count">The number of shards.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Parses <c>k/n</c>.</summary>
    /// <param name="text">The text, e.g. <c>2/10</c>.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="FormatException">The text is not <c>k/n</c> with 0 ≤ k &lt; n.</exception>
    public static ShardSpec Parse(string text)
    {
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var k) && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 && k >= 0 && k < n)
        {
            return new ShardSpec(k, n);
        }

        throw new FormatException($"'{text}' is not a shard of the form k/n with 0 <= k < n.");
    }

    /// <summary>The half-open range [start, end) of partition indices in this shard.</summary>
    /// <param name="partitionCount">The total number of partition entities.</param>
    /// <returns>The range.</returns>
    public (int Start, int End) Range(int partitionCount) =>
        ((int)((long)partitionCount * Index / Count), (int)((long)partitionCount * (Index + 1) / Count));

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
