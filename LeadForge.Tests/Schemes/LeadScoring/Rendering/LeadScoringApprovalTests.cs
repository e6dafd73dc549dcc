using LeadForge.Tests.TestSupport;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadForge.Rendering;
using LeadForge.Tests.Rendering;
using Snapshooter;
using Snapshooter.NUnit;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>
/// Approval (snapshot) tests of the dataset card and the manifest of a small real lead-scoring world
/// (300 leads) in both exposure modes. The package version and generated_at are masked; everything else
/// (config hash, row counts, file hashes) is part of the approved text, so any change to the recipe, the
/// world's mechanisms or the writers shows up here and must be re-approved deliberately.
/// </summary>
public class LeadScoringApprovalTests
{
    private const string Masked = "<masked>";
    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    private async Task<(WorldBundle Bundle, string Path)> SaveSmallWorld(ExposureMode mode)
    {
        var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(3).WithExposure(mode).WithLeads(300).Generate();
        var path = _scratch["world"];
        await bundle.SaveAsync(path, new SaveOptions { TimeProvider = new FixedTimeProvider() });
        return (bundle, path);
    }

    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public async Task Dataset_card_matches_the_approved_snapshot(ExposureMode mode)
    {
        var (bundle, path) = await SaveSmallWorld(mode);
        var card = await File.ReadAllTextAsync(Path.Combine(path, "dataset_card.md"));
        Assert.That(card, Is.EqualTo(bundle.DatasetCard));
        Assert.That(card, Does.Contain(LeadForgeInfo.PackageVersion));
        Approvals.Match(card.Replace(LeadForgeInfo.PackageVersion, Masked, StringComparison.Ordinal), SnapshotNameExtension.Create(mode.ToWire()));
    }

    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public async Task Manifest_matches_the_approved_snapshot_with_generated_at_masked(ExposureMode mode)
    {
        var (_, path) = await SaveSmallWorld(mode);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(path, BundleManifest.FileName)))!.AsObject();
        Assert.That(manifest["generated_at"], Is.Not.Null);
        Assert.That(manifest["package_version"]!.GetValue<string>(), Is.EqualTo(LeadForgeInfo.PackageVersion));
        manifest["generated_at"] = Masked;
        manifest["package_version"] = Masked;
        Approvals.Match(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), SnapshotNameExtension.Create(mode.ToWire()));
    }
}
