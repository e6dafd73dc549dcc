using BenchmarkDotNet.Attributes;
using LeadForge.Rendering;
using LeadForge.Schemes;
using LeadForge.Schemes.LeadScoring;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadForge.Benchmarks;

/// <summary>
/// Each stage of the lead-scoring scheme alone (plan, world, simulation, render, save), called the
/// way <see cref="LeadScoringScheme"/> runs them, on the processor count like the default generator.
/// Every stage's inputs are built once in <see cref="Setup"/>; the stages do not modify their inputs,
/// so each invocation repeats the same work.
/// </summary>
[MemoryDiagnoser]
public class LeadScoringStageBenchmarks
{
    private readonly LeadScoringPipeline _scheme = new LeadScoringScheme().Pipeline;
    private GenerationContext _context = null!;
    private LeadForge.Schemes.LeadScoring.Planning.PopulationPlan _plan = null!;
    private LeadScoringPipeline.WorldState _world = null!;
    private LeadForge.Schemes.LeadScoring.Simulation.LeadHistory?[] _simulation = null!;
    private WorldBundle _bundle = null!;
    private string _root = string.Empty;
    private int _run;

    [Params(5_000, 100_000)]
    public int Leads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _context = new GenerationContext(Workload.Config(Leads), Environment.ProcessorCount, shard: null, progress: null, NullLogger.Instance, CancellationToken.None);
        _plan = _scheme.RunPlan(_context);
        _world = _scheme.RunBuildWorld(_context, _plan);
        _simulation = _scheme.RunSimulate(_context, _plan, _world);
        _bundle = _scheme.RunRender(_context, _plan, _world, _simulation);
        _root = Directory.CreateTempSubdirectory("leadforge-bench-stage-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Description = "plan")]
    public object Plan() => _scheme.RunPlan(_context);

    [Benchmark(Description = "world (hidden world + calibration)")]
    public object World() => _scheme.RunBuildWorld(_context, _plan);

    [Benchmark(Description = "simulation")]
    public object Simulate() => _scheme.RunSimulate(_context, _plan, _world);

    [Benchmark(Description = "render (tables + task)")]
    public WorldBundle Render() => _scheme.RunRender(_context, _plan, _world, _simulation);

    [Benchmark(Description = "save (Parquet)")]
    public Task<BundleManifest> Save() => _bundle.SaveAsync(Path.Combine(_root, $"b{_run++}"));

    [IterationCleanup(Target = nameof(Save))]
    public void RemoveSavedBundles()
    {
        foreach (var dir in Directory.EnumerateDirectories(_root))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
