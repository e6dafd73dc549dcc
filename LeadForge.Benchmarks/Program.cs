using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using LeadForge;
using LeadForge.Randomness;

BenchmarkSwitcher.FromAssembly(typeof(RandomStreamBenchmarks).Assembly).Run(args);

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

/// <summary>End-to-end in-memory generation of the default recipe (intermediate tier).</summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    [Params(5_000, 100_000)]
    public int Leads { get; set; }

    [Benchmark(Description = "Generate (plan + world + simulate + render)")]
    public WorldBundle Generate() =>
        Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithPopulation(leads: Leads).Generate();
}
