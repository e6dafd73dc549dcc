using LeadForge.Evaluation;

namespace LeadForge.Tests.Core.Evaluation;

[TestFixture]
public sealed class RankMetricsTests
{
    [Test]
    public void Tied_scores_take_their_mid_rank_whatever_the_row_order()
    {
        bool[] labels = [true, false, true, false, false];
        double[] scores = [0.9, 0.5, 0.5, 0.1, 0.5];
        Assert.Multiple(() =>
        {
            // Pairs (positive, negative): 0.9 beats all 3; 0.5 beats 0.1, ties two 0.5s -> 1 + 0.5 + 0.5.
            Assert.That(RankMetrics.RocAuc(scores, labels), Is.EqualTo(5.0 / 6));
            Assert.That(RankMetrics.RocAuc([.. scores.Reverse()], [.. labels.Reverse()]), Is.EqualTo(5.0 / 6));
        });
    }

    [Test]
    public void One_class_only_gives_NaN_and_bad_input_throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RankMetrics.RocAuc([0.1, 0.2], [true, true]), Is.NaN);
            Assert.That(() => RankMetrics.RocAuc([0.1], [true, false]), Throws.ArgumentException);
            Assert.That(() => RankMetrics.RocAuc([double.NaN, 0.2], [true, false]), Throws.ArgumentException);
        });
    }

    [Test]
    public void Validation_metrics_use_the_same_implementation()
    {
        double[] scores = [0.3, 0.8, 0.8, 0.2, 0.6, 0.1];
        bool[] labels = [false, true, false, true, true, false];
        Assert.That(LeadForge.Validation.Metrics.RocAuc(scores, labels), Is.EqualTo(RankMetrics.RocAuc(scores, labels)));
    }
}
