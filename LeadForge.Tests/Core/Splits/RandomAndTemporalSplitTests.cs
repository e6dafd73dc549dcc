using LeadForge.Randomness;
using LeadForge.Splits;

namespace LeadForge.Tests.Core.Splits;

[TestFixture]
public sealed class RandomAndTemporalSplitTests
{
    private static readonly SplitFractions Fractions = new(0.7, 0.2, 0.1);

    [Test]
    public void A_random_split_draws_each_row_from_its_own_keyed_stream()
    {
        var source = RandomSource.FromSeed(3).Derive("split");
        var keys = Enumerable.Range(0, 20_000).ToArray();
        var all = RandomSplit.Assign(keys, source, Fractions);
        var some = RandomSplit.Assign(keys[5000..6000], source, Fractions);
        Assert.Multiple(() =>
        {
            Assert.That(some, Is.EqualTo(all[5000..6000]), "a row's split does not depend on the other rows");
            Assert.That(all[17], Is.EqualTo(Cut(source.Stream(17).NextDouble())));
            Assert.That(all.Count(a => a == 0) / 20_000.0, Is.EqualTo(0.7).Within(0.02));
            Assert.That(all.Count(a => a == 1) / 20_000.0, Is.EqualTo(0.2).Within(0.02));
            Assert.That(all.Count(a => a == 2) / 20_000.0, Is.EqualTo(0.1).Within(0.02));
        });
    }

    [Test]
    public void A_temporal_split_cuts_the_global_order_at_the_fractions()
    {
        var all = TemporalSplit.Assign(Enumerable.Range(0, 100).ToArray(), 100, Fractions);
        Assert.Multiple(() =>
        {
            Assert.That(all, Is.Ordered, "earlier positions never go to a later split");
            Assert.That(all.Count(a => a == 0), Is.EqualTo(70));
            Assert.That(all.Count(a => a == 1), Is.EqualTo(20));
            Assert.That(all.Count(a => a == 2), Is.EqualTo(10));
            Assert.That(TemporalSplit.Assign([69, 70, 90], 100, Fractions), Is.EqualTo(new[] { 0, 1, 2 }), "the cut is global, not over the rows given");
            Assert.That(TemporalSplit.Assign([], 0, Fractions), Is.Empty);
        });
    }

    private static int Cut(double u) => u < 0.7 ? 0 : u < 0.9 ? 1 : 2;
}
