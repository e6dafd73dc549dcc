using BenchmarkDotNet.Running;
using LeadForge.Benchmarks;

// Exit code 1 when a benchmark failed or the run had critical validation errors, so scripts can rely on it.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(LeadScoringStageBenchmarks).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
