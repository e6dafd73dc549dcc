using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LeadForge.Benchmarks;

namespace LeadForge.Tests.Benchmarks;

/// <summary>
/// The CI smoke run of LeadForge.Benchmarks: every benchmark of every class runs once (BenchmarkDotNet's
/// dry job, in this process, so nothing is generated or built) at the first value of each
/// <c>[Params]</c>, the smallest size. Times are never asserted; only that each benchmark ran and
/// reported a measurement and, through the class's <c>[MemoryDiagnoser]</c>, its allocations.
/// </summary>
[Category("BenchmarkSmoke")]
[NonParallelizable]
public sealed class BenchmarkSmokeTests
{
    private string _artifacts = string.Empty;

    [SetUp]
    public void CreateArtifactsFolder() => _artifacts = Directory.CreateTempSubdirectory("leadforge-bench-smoke-").FullName;

    [TearDown]
    public void DeleteArtifactsFolder() => Directory.Delete(_artifacts, recursive: true);

    [Test]
    public void Benchmark_classes_are_found_including_every_stage_of_the_lead_scoring_scheme()
    {
        Assert.That(BenchmarkClasses().Select(t => t.Name), Is.SupersetOf(new[]
        {
            nameof(RandomStreamBenchmarks), nameof(LeadScoringStageBenchmarks), nameof(TableWriterBenchmarks),
            nameof(SaveBenchmarks), nameof(GenerationBenchmarks), nameof(CompactColumnBenchmarks),
        }));
        var stages = typeof(LeadScoringStageBenchmarks).GetMethods()
            .Select(m => m.GetCustomAttribute<BenchmarkAttribute>()?.Description)
            .OfType<string>()
            .Select(d => d.Split(' ')[0]);
        Assert.That(stages, Is.EquivalentTo(new[] { "plan", "world", "simulation", "render", "save" }));
    }

    [Test]
    public void Smallest_size_keeps_exactly_the_first_value_of_every_parameter()
    {
        var cases = BenchmarkConverter.TypeToBenchmarks(typeof(SaveBenchmarks), ManualConfig.CreateEmpty().AddJob(Job.Dry)).BenchmarksCases;
        var kept = cases.Where(SmallestSize).ToArray();

        Assert.That(cases, Has.Length.EqualTo(4), "SaveBenchmarks: 2 lead counts x 2 degrees");
        Assert.That(kept, Has.Length.EqualTo(1));
        Assert.That(kept[0].Parameters["Leads"], Is.EqualTo(5_000));
        Assert.That(kept[0].Parameters["Degree"], Is.EqualTo(1));
    }

    [Test]
    public void Every_benchmark_runs_once_and_reports_a_time_and_its_allocations()
    {
        var classes = BenchmarkClasses();
        var log = new AccumulationLogger();
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(log)
            .AddFilter(new SimpleFilter(SmallestSize))
            .WithArtifactsPath(_artifacts)
            .WithOption(ConfigOptions.DisableLogFile, true);

        var started = Stopwatch.GetTimestamp();
        var summaries = BenchmarkRunner.Run(classes, config);
        TestContext.Out.WriteLine($"{summaries.Sum(s => s.Reports.Length)} benchmarks of {classes.Length} classes in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        Assert.Multiple(() =>
        {
            foreach (var type in classes)
            {
                var summary = summaries.SingleOrDefault(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == type));
                Assert.That(summary, Is.Not.Null, $"{type.Name}: no summary\n{log.GetLog()}");
                if (summary is null)
                {
                    continue;
                }

                Assert.That(summary.HasCriticalValidationErrors, Is.False, $"{type.Name}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
                var expected = type.GetMethods().Count(m => m.IsDefined(typeof(BenchmarkAttribute)));
                Assert.That(summary.Reports.Select(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name).Distinct().Count(), Is.EqualTo(expected), $"{type.Name}: a report per benchmark method");
                foreach (var report in summary.Reports)
                {
                    var name = $"{type.Name}.{report.BenchmarkCase.Descriptor.WorkloadMethod.Name} ({report.BenchmarkCase.Parameters.DisplayInfo})";
                    Assert.That(report.Success, Is.True, $"{name} failed\n{log.GetLog()}");
                    Assert.That(report.ResultStatistics?.N, Is.GreaterThanOrEqualTo(1), $"{name}: no measurement");
                    Assert.That(report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase), Is.Not.Null, $"{name}: no allocation figure (is [MemoryDiagnoser] on the class?)");
                }
            }
        });
    }

    /// <summary>The public classes of LeadForge.Benchmarks that declare a benchmark.</summary>
    private static Type[] BenchmarkClasses() =>
        typeof(LeadScoringStageBenchmarks).Assembly.GetExportedTypes()
            .Where(t => t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute))))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Keeps a benchmark case only at the first declared value of each parameter (the smallest size by convention).</summary>
    private static bool SmallestSize(BenchmarkCase benchmark) =>
        benchmark.Parameters.Items.All(p => Equals(p.Value, p.Definition.Values[0]));
}
