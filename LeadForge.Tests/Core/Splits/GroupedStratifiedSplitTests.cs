using LeadForge.Randomness;
using LeadForge.Splits;

namespace LeadForge.Tests.Core.Splits;

[TestFixture]
public sealed class GroupedStratifiedSplitTests
{
    [Test]
    public void Blocks_hold_at_least_the_minimum_rows_and_groups_except_the_last()
    {
        // Groups 0..5 with 3, 1, 1, 4, 1, 1 rows; blocks need 4 rows and 2 groups.
        int[] groupOfRow = [0, 0, 0, 1, 2, 3, 3, 3, 3, 4, 5];
        var bounds = GroupedStratifiedSplit.BlockBoundaries(6, groupOfRow, minRows: 4, minGroups: 2);
        Assert.Multiple(() =>
        {
            Assert.That(bounds, Is.EqualTo(new[] { 0, 2, 4, 6 }));
            Assert.That(GroupedStratifiedSplit.BlockOf(bounds, 3), Is.EqualTo(1));
            Assert.That(GroupedStratifiedSplit.BlockOf(bounds, 5), Is.EqualTo(2));
        });
    }

    [Test]
    public void A_block_moves_whole_groups_and_approaches_the_targets()
    {
        const int groups = 200;
        var rows = Enumerable.Range(0, groups * 3).ToArray();
        var groupStart = Enumerable.Range(0, groups + 1).Select(g => g * 3).ToArray();
        var labels = rows.Select(r => r % 7 == 0).ToArray();
        var assignment = new int[rows.Length];
        GroupedStratifiedSplit.AssignBlock(rows, groupStart, labels, [0.7, 0.15, 0.15], RandomSource.FromSeed(1).Stream(), assignment);
        Assert.Multiple(() =>
        {
            for (var g = 0; g < groups; g++)
            {
                Assert.That(assignment[(g * 3)..((g + 1) * 3)].Distinct().Count(), Is.EqualTo(1), $"group {g}");
            }

            Assert.That(assignment.Count(a => a == 0) / (double)rows.Length, Is.EqualTo(0.7).Within(0.02));
        });
    }

    [Test]
    public void The_driver_keeps_groups_whole_and_balances_each_block_on_its_own()
    {
        // 400 groups of 1-4 rows, rows interleaved across groups; blocks of 100 groups.
        var groupOfRow = Enumerable.Range(0, 1000).Select(r => (r * 7919) % 400).ToArray();
        var labels = groupOfRow.Select(g => g % 5 == 0).ToArray();
        int[] bounds = [0, 100, 200, 300, 400];
        var source = RandomSource.FromSeed(9).Derive("split");
        var fractions = new SplitFractions(0.7, 0.15, 0.15);
        var assignment = GroupedStratifiedSplit.Assign(groupOfRow, bounds, labels, fractions, source, (n, body) => Parallel.For(0, n, body));
        Assert.Multiple(() =>
        {
            foreach (var group in Enumerable.Range(0, 1000).GroupBy(r => groupOfRow[r]))
            {
                Assert.That(group.Select(r => assignment[r]).Distinct().Count(), Is.EqualTo(1), $"group {group.Key}");
            }

            Assert.That(assignment.Count(a => a == 0) / 1000.0, Is.EqualTo(0.7).Within(0.03));

            // The rows of the last block alone get the same splits (a shard holding whole blocks).
            var last = Enumerable.Range(0, 1000).Where(r => groupOfRow[r] >= 300).ToArray();
            var alone = GroupedStratifiedSplit.Assign([.. last.Select(r => groupOfRow[r])], bounds, [.. last.Select(r => labels[r])], fractions, source, Serial);
            Assert.That(alone, Is.EqualTo(last.Select(r => assignment[r]).ToArray()));
        });
    }

    private static void Serial(int n, Action<int> body)
    {
        for (var i = 0; i < n; i++)
        {
            body(i);
        }
    }
}
