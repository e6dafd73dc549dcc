using LeadForge.Rendering;
using LeadForge.Schemes;

namespace LeadForge.Tests.Rendering;

/// <summary>A clock that always reads the same instant (for manifests' generated_at).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Default = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public FixedTimeProvider()
        : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>), so tests can cancel from the callback.</summary>
internal sealed class SyncProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
{
    public void Report(GenerationProgress value) => report(value);
}

/// <summary>A per-test scratch folder, deleted afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "leadforge-rendering-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string this[string name] => Path.Combine(Root, name);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

internal static class TinyWorlds
{
    public static WorldBundle Generate(ExposureMode mode = ExposureMode.StudentPublic, long seed = 7, int? leads = null, ShardSpec? shard = null)
    {
        var builder = Generator.FromRecipe("tiny_world_v1").WithSeed(seed).WithExposure(mode).WithDegreeOfParallelism(1);
        if (leads is { } n)
        {
            builder = builder.WithLeads(n);
        }

        if (shard is not null)
        {
            builder = builder.WithShard(shard.Index, shard.Count);
        }

        return builder.Generate();
    }

    public static SaveOptions Options(bool overwrite = false, TableFormat format = TableFormat.Parquet, bool csvCopies = false, IProgress<GenerationProgress>? progress = null, int rowGroupSize = 100_000) => new()
    {
        TimeProvider = new FixedTimeProvider(),
        Overwrite = overwrite,
        Format = format,
        IncludeCsvCopies = csvCopies,
        Progress = progress,
        RowGroupSize = rowGroupSize,
    };

    /// <summary>Every file under <paramref name="root"/> as a '/'-separated relative path, sorted.</summary>
    public static string[] Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Sibling entries of a bundle folder whose names mark them as temporary or old copies.</summary>
    public static string[] Leftovers(string parent) => Directory.EnumerateFileSystemEntries(parent)
        .Select(Path.GetFileName)
        .Where(n => n!.Contains(".tmp-", StringComparison.Ordinal) || n.Contains(".old-", StringComparison.Ordinal))
        .ToArray()!;
}
