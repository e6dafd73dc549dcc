using BenchmarkDotNet.Attributes;
using LeadForge.Randomness;

namespace LeadForge.Benchmarks;

/// <summary>Throughput of the named-substream generator.</summary>
[MemoryDiagnoser]
public class RandomStreamBenchmarks
{
    private readonly RandomSource _source = RandomSource.FromSeed(42).Derive("bench");

    [Benchmark(Description = "1M NextDouble on one stream")]
    public double NextDouble()
    {
        var s = _source.Stream(0);
        var acc = 0.0;
        for (var i = 0; i < 1_000_000; i++)
        {
            acc += s.NextDouble();
        }

        return acc;
    }

    [Benchmark(Description = "100k stream opens (per-entity keys)")]
    public ulong OpenStreams()
    {
        ulong acc = 0;
        for (var i = 0; i < 100_000; i++)
        {
            acc ^= _source.Stream(i).NextUInt64();
        }

        return acc;
    }
}
