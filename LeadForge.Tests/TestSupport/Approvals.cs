using Snapshooter;
using Snapshooter.NUnit;

namespace LeadForge.Tests.TestSupport;

/// <summary>
/// Strict approval matching over Snapshooter. A plain <c>Snapshot.Match</c> silently writes and accepts
/// a snapshot it cannot find, so a test whose committed snapshot is missing, or whose source path was
/// mapped away from the repository (a CI build with <c>ContinuousIntegrationBuild</c>), would pass without
/// comparing anything, or compare against a stale copy left outside the repository by an earlier run.
/// Here the snapshot must be the committed file under the test's own <c>__snapshots__</c> folder; a new
/// or deliberately deleted snapshot is only written when <see cref="ApproveVariable"/> is <c>1</c>.
/// </summary>
internal static class Approvals
{
    /// <summary>Environment variable that allows missing snapshots to be written (re-approval).</summary>
    public const string ApproveVariable = "LEADFORGE_APPROVE_SNAPSHOTS";

    public static void Match(string actual, SnapshotNameExtension? extension = null)
    {
        var fullName = extension is null ? Snapshot.FullName() : Snapshot.FullName(extension);
        var problem = Problem(fullName.FolderPath, fullName.Filename, RepositoryPaths.Root, Environment.GetEnvironmentVariable(ApproveVariable) == "1");
        if (problem is not null)
        {
            Assert.Fail(problem);
        }

        Snapshot.Match(actual, fullName);
    }

    /// <summary>Why a snapshot cannot be matched strictly, or <see langword="null"/> when it can.</summary>
    internal static string? Problem(string testFolder, string fileName, string repositoryRoot, bool approving)
    {
        var folder = Path.GetFullPath(testFolder);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot)) + Path.DirectorySeparatorChar;
        if (!folder.StartsWith(root, StringComparison.Ordinal))
        {
            return $"The snapshot folder '{folder}' is outside the repository '{root}': the test assembly was built with mapped source paths, so the committed snapshots cannot be found.";
        }

        var file = Path.Combine(folder, "__snapshots__", fileName);
        if (!File.Exists(file) && !approving)
        {
            return $"No approved snapshot '{file}'. Run the test with {ApproveVariable}=1 to write it, then review and commit it.";
        }

        return null;
    }
}
