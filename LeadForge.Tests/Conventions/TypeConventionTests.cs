using System.Reflection;
using System.Runtime.CompilerServices;

namespace LeadForge.Tests.Conventions;

public class TypeConventionTests
{
    private static IEnumerable<Assembly> LibraryAssemblies() => [typeof(Generator).Assembly];

    [TestCaseSource(nameof(LibraryAssemblies))]
    public void Public_classes_are_sealed_or_abstract(Assembly assembly)
    {
        var offenders = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract)
            .Where(t => !typeof(Exception).IsAssignableFrom(t) && !typeof(Attribute).IsAssignableFrom(t))
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.That(offenders, Is.Empty, "Public classes must be sealed (or abstract base classes): " + string.Join(", ", offenders));
    }

    [TestCaseSource(nameof(LibraryAssemblies))]
    public void Public_types_live_in_LeadForge_namespaces(Assembly assembly)
    {
        var offenders = assembly.GetExportedTypes().Where(t => t.Namespace is null || !(t.Namespace == "LeadForge" || t.Namespace.StartsWith("LeadForge.", StringComparison.Ordinal))).Select(t => t.FullName).ToArray();
        Assert.That(offenders, Is.Empty);
    }
}
