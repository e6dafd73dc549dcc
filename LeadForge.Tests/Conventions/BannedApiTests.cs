using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using LeadForge.Tests.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LeadForge.Tests.Conventions;

/// <summary>
/// Library code must never read a clock or use unseeded randomness. The build enforces it with
/// Microsoft.CodeAnalysis.BannedApiAnalyzers (RS0030) and the repository's BannedSymbols.txt; these
/// tests prove that guard is real: every shipped project is wired to the analyzer and the file, and
/// the analyzer, run on snippets with that very file, rejects every banned call and accepts the
/// allowed ones.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BannedApiTests
{
    private const string AnalyzerPackage = "Microsoft.CodeAnalysis.BannedApiAnalyzers";

    /// <summary>The shipped projects: those Directory.Build.props marks IsLeadForgeLibrary.</summary>
    private static readonly string[] ShippedProjects =
    [
        "LeadForge.Cli",
        "LeadForge.Core",
        "LeadForge.Rendering",
        "LeadForge.Schemes.LeadScoring",
        "LeadForge.Schemes.Lifecycle",
        "LeadForge.Validation",
    ];

    private static string BannedSymbolsPath => RepositoryPaths.Of("BannedSymbols.txt");

    [Test]
    [CancelAfter(300_000)]
    public async Task Every_shipped_project_and_no_other_runs_the_analyzer_with_the_banned_symbols_file(CancellationToken cancellationToken)
    {
        var projects = Directory.GetDirectories(RepositoryPaths.Root, "LeadForge.*")
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var evaluated = await Task.WhenAll(projects.Select(p => EvaluateAsync(p, cancellationToken)));

        var shipped = evaluated.Where(e => e.IsLibrary).Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.That(shipped, Is.EqualTo(ShippedProjects), "the projects Directory.Build.props treats as shipped libraries");
        foreach (var project in evaluated.Where(e => e.IsLibrary))
        {
            Assert.That(project.PackageReferences, Does.Contain(AnalyzerPackage), $"{project.Name} references the banned-API analyzer");
            Assert.That(project.AdditionalFiles, Does.Contain(Path.GetFullPath(BannedSymbolsPath)), $"{project.Name} passes BannedSymbols.txt to the analyzer");
            Assert.That(project.TreatWarningsAsErrors, Is.EqualTo("true"), $"{project.Name}: RS0030 must fail the build");
            Assert.That(project.NoWarn, Does.Not.Contain("RS0030"), $"{project.Name} must not silence RS0030");
        }
    }

    [Test]
    public void The_banned_symbols_file_lists_exactly_the_clock_and_unseeded_randomness_apis()
    {
        var ids = File.ReadAllLines(BannedSymbolsPath)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal))
            .Select(l => l.Split(';')[0])
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.That(ids, Is.EqualTo(new[]
        {
            "M:System.Guid.NewGuid",
            "M:System.Random.#ctor",
            "M:System.Random.#ctor(System.Int32)",
            "P:System.DateTime.Now",
            "P:System.DateTime.Today",
            "P:System.DateTime.UtcNow",
            "P:System.DateTimeOffset.Now",
            "P:System.DateTimeOffset.UtcNow",
            "P:System.Environment.TickCount",
            "P:System.Environment.TickCount64",
            "P:System.Random.Shared",
        }));
    }

    [TestCase("System.DateTime.Now")]
    [TestCase("System.DateTime.UtcNow")]
    [TestCase("System.DateTime.Today")]
    [TestCase("System.DateTimeOffset.Now")]
    [TestCase("System.DateTimeOffset.UtcNow")]
    [TestCase("System.Guid.NewGuid()")]
    [TestCase("new System.Random()")]
    [TestCase("new System.Random(42)")]
    [TestCase("System.Random.Shared.Next()")]
    [TestCase("System.Environment.TickCount")]
    [TestCase("System.Environment.TickCount64")]
    public async Task The_analyzer_with_the_banned_symbols_file_rejects(string expression)
    {
        var diagnostics = await AnalyzeAsync($"internal static class Snippet {{ internal static object Value() => {expression}; }}");
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("RS0030"), string.Join(Environment.NewLine, diagnostics));
    }

    [TestCase("System.Diagnostics.Stopwatch.GetTimestamp()")]
    [TestCase("System.TimeProvider.System.GetUtcNow()")]
    [TestCase("System.DateTime.UnixEpoch")]
    [TestCase("new System.DateTimeOffset(2024, 1, 1, 0, 0, 0, System.TimeSpan.Zero)")]
    public async Task The_analyzer_with_the_banned_symbols_file_accepts(string expression)
    {
        var diagnostics = await AnalyzeAsync($"internal static class Snippet {{ internal static object Value() => {expression}; }}");
        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public async Task A_type_deriving_from_Random_is_rejected_unless_suppressed()
    {
        // The one library use, StreamRandom, derives from Random for MathNet and carries a justified suppression.
        var diagnostics = await AnalyzeAsync("internal sealed class Derived : System.Random { internal Derived() : base(0) { } }");
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain("RS0030"));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "BannedApiSnippet",
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.That(errors, Is.Empty, "the snippet compiles");

        var options = new AnalyzerOptions([new FileText(BannedSymbolsPath)]);
        return await compilation.WithAnalyzers(BannedApiAnalyzers(), options).GetAnalyzerDiagnosticsAsync();
    }

    private static ImmutableArray<DiagnosticAnalyzer> BannedApiAnalyzers()
    {
        var folder = AnalyzerFolder();
        var analyzers = Directory.GetFiles(folder, "*.dll")
            .Select(Assembly.LoadFrom)
            .SelectMany(LoadableTypes)
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>()?.Languages.Contains(LanguageNames.CSharp) == true)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.That(analyzers, Is.Not.Empty, $"no C# analyzer in {folder}");
        return analyzers;
    }

    /// <summary>The package's code fixes need Roslyn's Workspaces, which a test does not load; its analyzers do not.</summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>The analyzer assemblies the shipped build uses, found through Core's restore output.</summary>
    private static string AnalyzerFolder()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Of("LeadForge.Core", "obj", "project.assets.json")));
        var root = assets.RootElement;
        var packages = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        var library = root.GetProperty("libraries").EnumerateObject().Single(l => l.Name.StartsWith(AnalyzerPackage + "/", StringComparison.OrdinalIgnoreCase));
        return Path.Combine(packages, library.Value.GetProperty("path").GetString()!, "analyzers", "dotnet", "cs");
    }

    private static async Task<EvaluatedProject> EvaluateAsync(string project, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] args =
        [
            "msbuild", project, "-p:Configuration=Release",
            "-getProperty:IsLeadForgeLibrary", "-getProperty:TreatWarningsAsErrors", "-getProperty:NoWarn",
            "-getItem:PackageReference", "-getItem:AdditionalFiles",
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.That(process.ExitCode, Is.Zero, $"dotnet msbuild {project}: {await output}{await error}");

        using var json = JsonDocument.Parse(await output);
        var properties = json.RootElement.GetProperty("Properties");
        var items = json.RootElement.GetProperty("Items");
        string[] Identities(string item) => items.TryGetProperty(item, out var list) ? [.. list.EnumerateArray().Select(i => i.GetProperty("FullPath").GetString()!)] : [];
        string[] Names(string item) => items.TryGetProperty(item, out var list) ? [.. list.EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!)] : [];
        return new EvaluatedProject(
            Path.GetFileNameWithoutExtension(project),
            properties.GetProperty("IsLeadForgeLibrary").GetString() == "true",
            properties.GetProperty("TreatWarningsAsErrors").GetString() ?? string.Empty,
            properties.GetProperty("NoWarn").GetString() ?? string.Empty,
            Names("PackageReference"),
            Identities("AdditionalFiles"));
    }

    private sealed record EvaluatedProject(string Name, bool IsLibrary, string TreatWarningsAsErrors, string NoWarn, string[] PackageReferences, string[] AdditionalFiles);

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
