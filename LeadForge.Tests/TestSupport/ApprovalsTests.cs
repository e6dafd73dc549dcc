namespace LeadForge.Tests.TestSupport;

/// <summary>The strict approval guard refuses what a plain Snapshooter match would silently accept.</summary>
public class ApprovalsTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string Conventions = Path.Combine(Root, "LeadForge.Tests", "Conventions");

    [Test]
    public void A_committed_snapshot_is_accepted() =>
        Assert.That(Approvals.Problem(Conventions, "PublicApiTests.Core_public_api_is_approved.snap", Root, approving: false), Is.Null);

    [Test]
    public void A_missing_snapshot_fails_unless_approving()
    {
        Assert.That(Approvals.Problem(Conventions, "PublicApiTests.No_such_test.snap", Root, approving: false), Does.Contain("No approved snapshot").And.Contain(Approvals.ApproveVariable));
        Assert.That(Approvals.Problem(Conventions, "PublicApiTests.No_such_test.snap", Root, approving: true), Is.Null);
    }

    [Test]
    public void A_mapped_source_path_fails_even_when_approving() =>
        Assert.That(Approvals.Problem("/_/LeadForge.Tests/Conventions", "PublicApiTests.Core_public_api_is_approved.snap", Root, approving: true), Does.Contain("outside the repository"));
}
