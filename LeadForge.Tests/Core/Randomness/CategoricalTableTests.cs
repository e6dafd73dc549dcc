using LeadForge.Randomness;

namespace LeadForge.Tests.Core.Randomness;

/// <summary>The guide-table search must give exactly the draws of the bisection it replaced.</summary>
public class CategoricalTableTests
{
    private static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData(Enumerable.Repeat(1.0, 9).ToArray()).SetName("uniform_9");
        yield return new TestCaseData(Enumerable.Range(1, 365).Select(i => 1.0 + Math.Sin(i / 7.0)).ToArray()).SetName("seasonal_365");
        yield return new TestCaseData(Enumerable.Range(0, 5_000).Select(i => Math.Exp(-i / 300.0)).ToArray()).SetName("decaying_5000");
        yield return new TestCaseData(Enumerable.Range(0, 1_000).Select(i => i % 3 == 0 ? 0.0 : 1.0).ToArray()).SetName("zero_weights_1000");
        yield return new TestCaseData(new[] { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 }).SetName("all_mass_last");
        yield return new TestCaseData(new[] { 1.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).SetName("all_mass_first");
        yield return new TestCaseData(Enumerable.Range(0, 4_096).Select(i => i == 17 ? 1e9 : 1e-9).ToArray()).SetName("one_spike_4096");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Guide_search_equals_bisection(double[] weights)
    {
        var table = new CategoricalTable(weights);
        var stream = RandomSource.FromSeed(11).Derive("categorical/test").Stream(0);
        for (var k = 0; k < 200_000; k++)
        {
            var u = stream.NextDouble();
            Assert.That(table.Sample(u), Is.EqualTo(table.SampleByBisection(u)), $"u = {u:R}");
        }

        // The edges of [0, 1) and every bucket boundary and cumulative weight, where rounding bites.
        var edges = new List<double> { 0.0, Math.BitDecrement(1.0) };
        for (var j = 0; j <= weights.Length; j++)
        {
            var b = j / (double)weights.Length;
            edges.AddRange([Math.BitDecrement(b), b, Math.BitIncrement(b)]);
        }

        var acc = 0.0;
        var total = weights.Sum();
        foreach (var w in weights)
        {
            acc += w / total;
            edges.AddRange([Math.BitDecrement(acc), acc, Math.BitIncrement(acc)]);
        }

        foreach (var u in edges.Where(e => e is >= 0 and < 1))
        {
            Assert.That(table.Sample(u), Is.EqualTo(table.SampleByBisection(u)), $"u = {u:R}");
        }
    }

    [Test]
    public void A_zero_weight_category_is_never_drawn()
    {
        var table = new CategoricalTable(Enumerable.Range(0, 1_000).Select(i => i % 3 == 0 ? 0.0 : 1.0).ToArray());
        var stream = RandomSource.FromSeed(5).Derive("categorical/zero").Stream(0);
        for (var k = 0; k < 100_000; k++)
        {
            Assert.That(stream.Choose(table) % 3, Is.Not.Zero);
        }
    }

    [Test]
    public void Bad_weights_are_rejected_with_a_clear_message()
    {
        Assert.That(() => new CategoricalTable([]), Throws.ArgumentException.With.Message.Contains("At least one weight"));
        Assert.That(() => new CategoricalTable([1.0, -1.0]), Throws.ArgumentException.With.Message.Contains("non-negative"));
        Assert.That(() => new CategoricalTable([0.0, 0.0]), Throws.ArgumentException.With.Message.Contains("positive sum"));
        Assert.That(() => new CategoricalTable([1.0, double.NaN]), Throws.ArgumentException.With.Message.Contains("finite"));
    }
}
