namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

[TestFixture]
public sealed class SplitStrategyTests
{
    private static TaskDataset Task(string strategy, int leads = 3000) =>
        Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithLeads(leads)
            .WithOverrideText($"tasks:\n  converted_within_90_days:\n    split:\n      strategy: {strategy}\n").Generate().Tasks["converted_within_90_days"];

    [Test]
    public void Temporal_splits_are_strictly_ordered_in_time()
    {
        var task = Task("temporal");
        var column = task.Manifest.TimeColumn ?? task.Manifest.AnchorColumn;
        DateTime[] Times(LeadForge.Tables.Table t) => [.. Enumerable.Range(0, t.RowCount).Select(r => t[column].As<DateTime>()[r]!.Value)];
        var (train, valid, test) = (Times(task.Train), Times(task.Valid), Times(task.Test));
        Assert.Multiple(() =>
        {
            Assert.That(task.Manifest.SplitStrategy, Is.EqualTo(SplitStrategy.Temporal));
            Assert.That(train.Max(), Is.LessThan(valid.Min()), $"every train row precedes every valid row by {column}");
            Assert.That(valid.Max(), Is.LessThan(test.Min()), $"every valid row precedes every test row by {column}");
            Assert.That((double)task.Train.RowCount / 3000, Is.EqualTo(0.70).Within(0.01));
        });
    }

    [Test]
    public void Random_splits_follow_the_fractions_and_cover_every_row_once()
    {
        var task = Task("random");
        var ids = task.Splits.SelectMany(s => Enumerable.Range(0, s.Table.RowCount).Select(r => s.Table["lead_id"].AsString()[r])).ToArray();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.Length.EqualTo(3000));
        Assert.That((double)task.Train.RowCount / 3000, Is.EqualTo(0.70).Within(0.03));
    }

    [Test]
    public void The_grouped_split_still_balances_when_accounts_hold_many_leads()
    {
        // 20 leads per account on average: blocks must hold many accounts or everything lands in train.
        var bundle = Generator.FromRecipe("b2b_saas_procurement_v1").WithSeed(42).WithLeads(6000).WithAccounts(300).WithContacts(900).Generate();
        var task = bundle.Tasks["converted_within_90_days"];
        Assert.That((double)task.Valid.RowCount / 6000, Is.EqualTo(0.15).Within(0.04));
        Assert.That((double)task.Test.RowCount / 6000, Is.EqualTo(0.15).Within(0.04));
    }
}
