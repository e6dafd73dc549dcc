using System.Text.RegularExpressions;

namespace LeadForge.Tests.Conventions;

/// <summary>Library code must never read a clock or use unseeded randomness (tests and benchmarks may).</summary>
public partial class DeterminismSourceScanTests
{
    private static readonly string[] ScannedProjectPatterns = ["LeadForge.Core", "LeadForge.Schemes.*", "LeadForge.Rendering", "LeadForge.Validation", "LeadForge.Cli"];

    [GeneratedRegex(@"DateTime\s*\.\s*(Now|UtcNow|Today)\b|DateTimeOffset\s*\.\s*(Now|UtcNow)\b|Guid\s*\.\s*NewGuid\b|new\s+(System\s*\.\s*)?Random\s*\(|Random\s*\.\s*Shared\b|Environment\s*\.\s*TickCount(64)?\b")]
    private static partial Regex Forbidden();

    internal static string RepositoryRoot() => TestSupport.RepositoryPaths.Root;

    private static IEnumerable<string> LibrarySourceFiles()
    {
        var root = RepositoryRoot();
        foreach (var pattern in ScannedProjectPatterns)
        {
            foreach (var project in Directory.GetDirectories(root, pattern))
            {
                foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(root, file);
                    var parts = relative.Split(Path.DirectorySeparatorChar);
                    if (parts.Contains("bin") || parts.Contains("obj"))
                    {
                        continue;
                    }

                    yield return file;
                }
            }
        }
    }

    [Test]
    public void Library_code_reads_no_clock_and_uses_no_unseeded_randomness()
    {
        var root = RepositoryRoot();
        var files = LibrarySourceFiles().ToArray();
        Assert.That(files.Any(f => f.Contains($"{Path.DirectorySeparatorChar}LeadForge.Core{Path.DirectorySeparatorChar}", StringComparison.Ordinal)), Is.True, "the scan must see Core's sources");

        var hits = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (Forbidden().Match(lines[i]) is { Success: true } m)
                {
                    hits.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {m.Value}   | {lines[i].Trim()}");
                }
            }
        }

        Assert.That(hits, Is.Empty, "Library code must take time from an injected TimeProvider/config and randomness from RandomSource:" + Environment.NewLine + string.Join(Environment.NewLine, hits));
    }

    [TestCase("var t = DateTime.Now;")]
    [TestCase("var t = DateTime.UtcNow;")]
    [TestCase("var d = DateTime.Today;")]
    [TestCase("var o = DateTimeOffset.UtcNow;")]
    [TestCase("var o = DateTimeOffset.Now;")]
    [TestCase("var g = Guid.NewGuid();")]
    [TestCase("var r = new Random(42);")]
    [TestCase("var r = new System.Random();")]
    [TestCase("var x = Random.Shared.Next();")]
    [TestCase("var t = Environment.TickCount;")]
    [TestCase("var t = Environment.TickCount64;")]
    public void The_scanner_recognises_every_forbidden_call(string line) =>
        Assert.That(Forbidden().IsMatch(line), Is.True);

    [TestCase("var r = new RandomStream(key);")]
    [TestCase("var r = stream.AsRandom();")]
    [TestCase("var d = DateTime.UnixEpoch;")]
    [TestCase("TimeProvider.System.GetUtcNow()")]
    public void The_scanner_accepts_allowed_code(string line) =>
        Assert.That(Forbidden().IsMatch(line), Is.False);
}
