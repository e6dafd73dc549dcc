using System.Reflection;

namespace LeadForge;

/// <summary>Facts about this LeadForge build.</summary>
public static class LeadForgeInfo
{
    /// <summary>The package version (informational version without build metadata).</summary>
    public static string PackageVersion { get; } = ReadVersion();

    /// <summary>The version of the on-disk bundle layout.</summary>
    public const string BundleSchemaVersion = "1";

    private static string ReadVersion()
    {
        var v = typeof(LeadForgeInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? v[..plus] : v;
    }
}
