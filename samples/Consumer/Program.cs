using LeadForge.Samples;

var folder = args.Length > 0 ? args[0] : Path.Combine("out", "consumer");
var passed = await Quickstart.RunAsync(folder, leads: 2_000);
Console.WriteLine($"dependency injection: {Quickstart.RunWithDependencyInjection()} leads");
Console.WriteLine(passed ? "consumer: bundle generated, saved and validated" : "consumer: validation FAILED");
return passed ? 0 : 1;
