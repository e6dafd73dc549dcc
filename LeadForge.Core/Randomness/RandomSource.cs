using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace LeadForge.Randomness;

/// <summary>
/// A node in the tree of named random substreams of one generation run.
/// </summary>
/// <remarks>
/// <para>
/// Every random draw LeadForge makes comes from a <see cref="RandomStream"/> keyed by
/// (root seed, stream name path, entity index). A source is derived from its parent by name
/// (<see cref="Derive(string)"/>); a stream is opened for one entity index
/// (<see cref="Stream(long)"/>). Because keys are hashes of names and indices — never counters
/// shared between consumers — adding draws to one stream leaves every other stream unchanged,
/// and an entity's draws do not depend on the order in which entities are processed.
/// </para>
/// <para>
/// Key derivation: the key of a derived source is XxHash64 of the UTF-8 name, seeded with the
/// parent key, passed through the SplitMix64 finaliser. A stream's xoshiro256** state is four
/// successive SplitMix64 outputs seeded with the key mixed with the entity index.
/// </para>
/// </remarks>
/// <threadsafety>Instances are immutable and safe to share between threads.</threadsafety>
public sealed class RandomSource
{
    private readonly ulong _key;

    private RandomSource(ulong key, string path)
    {
        _key = key;
        Path = path;
    }

    /// <summary>The name path of this source, segments joined with <c>/</c>; empty for the root.</summary>
    public string Path { get; }

    /// <summary>Creates the root source of a generation run.</summary>
    /// <param name="seed">The root seed.</param>
    /// <returns>The root source.</returns>
    public static RandomSource FromSeed(long seed) =>
        new(SplitMix64.Mix(unchecked((ulong)seed) ^ 0x4C656164466F7267UL), string.Empty);

    /// <summary>
    /// Derives the child source with the given name. A name containing <c>/</c> derives one level
    /// per segment, so <c>Derive("a/b")</c> equals <c>Derive("a").Derive("b")</c>.
    /// </summary>
    /// <param name="name">A non-empty stream name (or path).</param>
    /// <returns>The derived source.</returns>
    public RandomSource Derive(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var key = _key;
        var path = Path;
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0)
            {
                throw new ArgumentException($"Stream name '{name}' has an empty path segment.", nameof(name));
            }

            key = HashName(key, segment);
            path = path.Length == 0 ? segment : path + "/" + segment;
        }

        return new RandomSource(key, path);
    }

    /// <summary>Opens the stream of one entity (or of the source itself with index 0).</summary>
    /// <param name="entityIndex">The entity's stable index, decided by the population plan.</param>
    /// <returns>A fresh stream positioned at its first draw.</returns>
    public RandomStream Stream(long entityIndex = 0) => new(StreamKey(entityIndex));

    internal ulong StreamKey(long entityIndex) =>
        SplitMix64.Mix(_key ^ SplitMix64.Mix(unchecked((ulong)entityIndex) + 0x9E3779B97F4A7C15UL));

    private static ulong HashName(ulong parentKey, string segment)
    {
        var max = Encoding.UTF8.GetMaxByteCount(segment.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 256 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(segment, buffer);
            return SplitMix64.Mix(XxHash64.HashToUInt64(buffer[..length], unchecked((long)parentKey)));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path.Length == 0 ? "(root)" : Path;
}
