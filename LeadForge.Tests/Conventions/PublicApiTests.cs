using LeadForge.Tests.TestSupport;
using LeadForge.Rendering;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Validation;
using PublicApiGenerator;
using Snapshooter.NUnit;

namespace LeadForge.Tests.Conventions;

/// <summary>
/// Public API approval, one per package: the generated API text of each shipped assembly must match
/// the committed snapshot under <c>__snapshots__</c>. After an intended API change, delete the
/// snapshot, rerun with <c>LEADFORGE_APPROVE_SNAPSHOTS=1</c> to write it, and review the diff.
/// </summary>
public class PublicApiTests
{
    private static string Api(Type anyTypeOfAssembly) =>
        anyTypeOfAssembly.Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] });

    [Test]
    public void Core_public_api_is_approved() => Approvals.Match(Api(typeof(Generator)));

    [Test]
    public void LeadScoring_public_api_is_approved() => Approvals.Match(Api(typeof(LeadScoringScheme)));

    [Test]
    public void Rendering_public_api_is_approved() => Approvals.Match(Api(typeof(SaveOptions)));

    [Test]
    public void Validation_public_api_is_approved() => Approvals.Match(Api(typeof(BundleValidator)));

    [Test]
    public void The_tool_exposes_no_public_types()
    {
        var exported = typeof(LeadForge.Cli.CommandLine.LeadForgeCli).Assembly.GetExportedTypes();
        Assert.That(exported, Is.Empty, "the leadforge tool is an application; everything in it is internal");
    }
}
