using System.Reflection;
using System.Runtime.CompilerServices;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Conventions;

/// <summary>
/// Type conventions of every shipped assembly (Core, Rendering, Validation, the tool and every
/// LeadForge.Schemes.* project): classes, public or internal, are sealed unless they are abstract,
/// static or listed in <see cref="DesignedForInheritance"/> with the reason they are derived from.
/// </summary>
public sealed class TypeConventionTests
{
    /// <summary>Non-abstract classes that are deliberately left open, each with the reason.</summary>
    private static readonly Dictionary<string, string> DesignedForInheritance = new(StringComparer.Ordinal)
    {
        ["LeadForge.LeadForgeException"] = "the root of every error LeadForge raises on purpose: callers catch it, each category derives from it",
        ["LeadForge.GenerationException"] = "a scheme's broken contract; GraphValidationException and a scheme's own failures derive from it",
    };

    private static readonly string[] SharedAssemblies = ["LeadForge.Core", "LeadForge.Rendering", "LeadForge.Validation", "leadforge"];

    /// <summary>The shipped assemblies; a new scheme project is picked up from its folder name.</summary>
    private static IEnumerable<TestCaseData> ShippedAssemblies() =>
        SharedAssemblies
            .Concat(Directory.GetDirectories(RepositoryPaths.Root, "LeadForge.Schemes.*").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
            .Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [Test]
    public void The_shipped_assemblies_include_the_tool_and_every_scheme()
    {
        var names = ShippedAssemblies().Select(c => (string)c.Arguments[0]!).ToArray();
        Assert.That(names, Is.SupersetOf(new[] { "LeadForge.Core", "LeadForge.Rendering", "LeadForge.Validation", "leadforge", "LeadForge.Schemes.LeadScoring" }));
        Assert.That(Assembly.Load("leadforge").GetType("LeadForge.Cli.CommandLine.LeadForgeCli"), Is.Not.Null, "leadforge is the CLI's assembly");
    }

    [TestCaseSource(nameof(ShippedAssemblies))]
    public void Classes_are_sealed_abstract_or_static_unless_designed_for_inheritance(string assemblyName)
    {
        var offenders = Assembly.Load(assemblyName).GetTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract)
            .Where(t => !IsCompilerGenerated(t))
            .Select(t => t.FullName!)
            .Where(name => !DesignedForInheritance.ContainsKey(name))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.That(offenders, Is.Empty, "Classes must be sealed (or abstract/static, or listed with a reason): " + string.Join(", ", offenders));
    }

    [Test]
    public void Every_listed_inheritance_exception_exists_is_open_and_is_derived_from()
    {
        var types = ShippedAssemblies().SelectMany(c => Assembly.Load((string)c.Arguments[0]!).GetTypes()).ToArray();
        foreach (var (name, reason) in DesignedForInheritance)
        {
            var type = types.SingleOrDefault(t => t.FullName == name);
            Assert.That(type, Is.Not.Null, $"{name} is listed but does not exist");
            Assert.That(type!.IsSealed, Is.False, $"{name} is listed but sealed");
            Assert.That(reason, Is.Not.Empty, $"{name} needs a reason");
            Assert.That(types.Any(t => t.BaseType == type), Is.True, $"{name} is listed as a base class but nothing shipped derives from it: seal it");
        }
    }

    [TestCaseSource(nameof(ShippedAssemblies))]
    public void Public_types_live_in_LeadForge_namespaces(string assemblyName)
    {
        var offenders = Assembly.Load(assemblyName).GetExportedTypes()
            .Where(t => t.Namespace is null || !(t.Namespace == "LeadForge" || t.Namespace.StartsWith("LeadForge.", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToArray();
        Assert.That(offenders, Is.Empty);
    }

    private static bool IsCompilerGenerated(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.GetCustomAttribute<CompilerGeneratedAttribute>() is not null || t.Name.StartsWith('<'))
            {
                return true;
            }
        }

        return false;
    }
}
