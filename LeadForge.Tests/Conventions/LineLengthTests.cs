using System.Text;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Conventions;

/// <summary>
/// No C# line may be longer than <see cref="MaxLineLength"/> characters. Neither the compiler nor the
/// .NET analyzers enforce <c>max_line_length</c> (.editorconfig declares it for editors), so this test
/// does: a file outside <c>LongLines.allowlist.txt</c> may have no long line, and a listed file (one
/// that already had them when the rule came in) may have at most its listed count. The counts only go
/// down: a file whose count fell must have its entry lowered (or removed at zero), which a run with
/// LEADFORGE_APPROVE_SNAPSHOTS=1 does by rewriting the list; it never raises an entry.
/// </summary>
public sealed class LineLengthTests
{
    /// <summary>The longest allowed line, in characters (UTF-16 code units, as an editor's column count).</summary>
    internal const int MaxLineLength = 200;

    private static string AllowListPath => RepositoryPaths.Of("LeadForge.Tests", "Conventions", "LongLines.allowlist.txt");

    [Test]
    public void The_editorconfig_declares_the_limit_for_CSharp()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Of(".editorconfig")).Select(l => l.Trim()).ToArray();
        var section = Array.IndexOf(lines, "[*.cs]");
        Assert.That(section, Is.GreaterThanOrEqualTo(0), ".editorconfig has a [*.cs] section");
        var body = lines.Skip(section + 1).TakeWhile(l => !l.StartsWith('['));
        Assert.That(body, Does.Contain($"max_line_length = {MaxLineLength}"));
    }

    [Test]
    public void No_CSharp_line_is_longer_than_the_limit_except_the_listed_ones_which_only_decrease()
    {
        var actual = CountLongLines();
        var allowed = ReadAllowList();

        var problems = new List<string>();
        foreach (var (file, count) in actual)
        {
            var limit = allowed.GetValueOrDefault(file);
            if (count > limit)
            {
                var lines = string.Join(", ", LongLineNumbers(file));
                problems.Add($"{file}: {count} lines over {MaxLineLength} characters, {limit} allowed (wrap the new ones; long lines: {lines})");
            }
        }

        var lowered = allowed.Where(a => actual.GetValueOrDefault(a.Key) < a.Value).ToArray();
        if (problems.Count == 0 && lowered.Length > 0 && Environment.GetEnvironmentVariable(Approvals.ApproveVariable) == "1")
        {
            WriteAllowList(allowed.ToDictionary(a => a.Key, a => Math.Min(a.Value, actual.GetValueOrDefault(a.Key))));
            lowered = [];
        }

        foreach (var (file, limit) in lowered)
        {
            problems.Add($"{file}: now {actual.GetValueOrDefault(file)} long lines, the list still allows {limit}: lower the entry (run with {Approvals.ApproveVariable}=1)");
        }

        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems));
    }

    [Test]
    public void The_allow_list_is_sorted_and_names_existing_files_with_positive_counts()
    {
        var entries = ReadAllowList();
        Assert.That(entries.Keys, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(entries.Values, Has.All.GreaterThan(0));
        Assert.That(entries.Keys.Where(f => !File.Exists(RepositoryPaths.Of(f))), Is.Empty, "listed files that no longer exist");
    }

    [TestCase(200, 0)]
    [TestCase(201, 1)]
    public void A_line_counts_as_long_only_past_the_limit(int length, int expected) =>
        Assert.That(CountLongLines(new string('x', length) + "\n" + new string('y', 10)), Is.EqualTo(expected));

    internal static int CountLongLines(string text) => text.Split('\n').Count(l => l.TrimEnd('\r').Length > MaxLineLength);

    /// <summary>Every tracked-looking C# file (bin and obj excluded) with at least one long line, keyed by its repository path.</summary>
    private static SortedDictionary<string, int> CountLongLines()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var scannedCore = 0;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.Split('/').Any(p => p is "bin" or "obj" || p.StartsWith('.')))
            {
                continue;
            }

            scannedCore += relative.StartsWith("LeadForge.Core/", StringComparison.Ordinal) ? 1 : 0;
            var count = CountLongLines(File.ReadAllText(file));
            if (count > 0)
            {
                counts[relative] = count;
            }
        }

        Assert.That(scannedCore, Is.GreaterThan(0), "the scan must see Core's sources");
        return counts;
    }

    private static IEnumerable<int> LongLineNumbers(string file) =>
        File.ReadAllLines(RepositoryPaths.Of(file)).Select((l, i) => (l, i)).Where(x => x.l.Length > MaxLineLength).Select(x => x.i + 1);

    private static SortedDictionary<string, int> ReadAllowList()
    {
        var entries = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(AllowListPath))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(parts, Has.Length.EqualTo(2), $"allow-list line '{line}' is '<path> <count>'");
            entries.Add(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        return entries;
    }

    private static void WriteAllowList(IReadOnlyDictionary<string, int> entries)
    {
        var header = File.ReadAllLines(AllowListPath).TakeWhile(l => l.StartsWith('#'));
        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append(line).Append('\n');
        }

        foreach (var (file, count) in entries.Where(e => e.Value > 0).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{file} {count}\n");
        }

        File.WriteAllText(AllowListPath, text.ToString());
    }
}
