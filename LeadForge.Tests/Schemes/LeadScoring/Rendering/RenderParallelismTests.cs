using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>
/// Rendering fills its columns in parallel chunks of leads and of task rows: the bundle must not
/// depend on how many threads fill them, with enough leads for several chunks.
/// </summary>
[TestFixture]
public sealed class RenderParallelismTests
{
    [TestCase(ExposureMode.StudentPublic)]
    [TestCase(ExposureMode.ResearchInstructor)]
    public void Tables_task_splits_and_feature_dictionary_are_identical_for_any_degree_of_parallelism(ExposureMode mode)
    {
        var leads = (3 * Chunks.Size) + 123;
        WorldBundle Run(int threads) => Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(11).WithExposure(mode)
            .WithLeads(leads).WithDegreeOfParallelism(threads).Generate();
        var one = Run(1);
        var three = Run(3);
        var task = one.Tasks.Single();
        Assert.Multiple(() =>
        {
            Assert.That(task.Splits.Sum(s => s.Table.RowCount), Is.EqualTo(leads), "every lead is a task row");
            foreach (var table in one.Tables)
            {
                Assert.That(three.Tables[table.Name].ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), table.Name);
            }

            foreach (var (split, table) in task.Splits)
            {
                var other = three.Tasks[task.Id].Splits.Single(s => s.Name == split).Table;
                Assert.That(other.ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), $"task split {split}");
            }

            Assert.That(three.FeatureDictionary.Select(f => (f.Name, f.NullShare)), Is.EqualTo(one.FeatureDictionary.Select(f => (f.Name, f.NullShare))));
        });
    }
}
