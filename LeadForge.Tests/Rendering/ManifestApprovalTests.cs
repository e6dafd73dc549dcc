using LeadForge.Tests.TestSupport;
using System.Text.Json.Nodes;
using LeadForge.Rendering;
using Snapshooter;
using Snapshooter.NUnit;

namespace LeadForge.Tests.Rendering;

/// <summary>Approval (snapshot) tests of the manifest of a small tiny world in both exposure modes.</summary>
public class ManifestApprovalTests
{
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public async Task Manifest_matches_the_approved_snapshot(ExposureMode mode)
    {
        var path = _scratch["world"];
        await TinyWorlds.Generate(mode, seed: 3, leads: 60).SaveAsync(path, TinyWorlds.Options());
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(path, "manifest.json")))!.AsObject();

        // The package version changes with every release; everything else must be stable.
        manifest["package_version"] = "<masked>";
        Approvals.Match(manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), SnapshotNameExtension.Create(mode.ToWire()));
    }
}
