using PublicApiGenerator;
using Snapshooter.NUnit;

namespace LeadForge.Tests.Conventions;

/// <summary>
/// Public API approval: the generated API text of each library must match the committed snapshot
/// under <c>__snapshots__</c>. After an intended API change, delete the snapshot and rerun to accept it.
/// </summary>
public class PublicApiTests
{
    private static string Api(Type anyTypeOfAssembly) =>
        anyTypeOfAssembly.Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] });

    [Test]
    public void Core_public_api_is_approved() => Snapshot.Match(Api(typeof(Generator)));
}
