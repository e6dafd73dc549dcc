using BenchmarkDotNet.Attributes;

namespace LeadForge.Benchmarks;

/// <summary>End-to-end in-memory generation of the default recipe (intermediate tier).</summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    [Params(5_000, 100_000)]
    public int Leads { get; set; }

    [Benchmark(Description = "Generate (plan + world + simulate + render)")]
    public WorldBundle Generate() => Workload.Generate(Leads);
}
