using LeadForge.Randomness;
using MathNet.Numerics.Distributions;

namespace LeadForge.Tests.Core.Randomness;

public class RandomStreamTests
{
    private static RandomStream NewStream(string name = "test", long entity = 0) => RandomSource.FromSeed(42).Derive(name).Stream(entity);

    [Test]
    public void MathNet_gamma_beta_and_poisson_sequences_are_reproducible_through_the_adapter()
    {
        static double[] Sequence(string name)
        {
            var rng = NewStream(name).AsRandom();
            var values = new List<double>();
            for (var i = 0; i < 50; i++)
            {
                values.Add(Gamma.Sample(rng, 2.5, 0.8));
                values.Add(Beta.Sample(rng, 2.0, 5.0));
                values.Add(Poisson.Sample(rng, 4.2));
                values.Add(Poisson.Sample(rng, 120.0));
            }

            return values.ToArray();
        }

        var first = Sequence("mathnet");
        var again = Sequence("mathnet");
        var other = Sequence("mathnet_other");
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(first.Distinct().Count(), Is.GreaterThan(100), "the draws must vary");
    }

    [Test]
    public void MathNet_samples_have_roughly_the_right_means()
    {
        var rng = NewStream("moments").AsRandom();
        const int n = 20_000;
        var gamma = Enumerable.Range(0, n).Select(_ => Gamma.Sample(rng, 3.0, 2.0)).Average(); // shape 3, rate 2 => mean 1.5
        var beta = Enumerable.Range(0, n).Select(_ => Beta.Sample(rng, 2.0, 6.0)).Average(); // mean 0.25
        var poisson = Enumerable.Range(0, n).Select(_ => (double)Poisson.Sample(rng, 7.0)).Average();
        Assert.That(gamma, Is.EqualTo(1.5).Within(0.05));
        Assert.That(beta, Is.EqualTo(0.25).Within(0.01));
        Assert.That(poisson, Is.EqualTo(7.0).Within(0.1));
    }

    [Test]
    public void The_adapter_shares_state_with_its_stream()
    {
        var a = NewStream("share");
        var b = NewStream("share");
        var adapter = a.AsRandom();
        Assert.That(a.AsRandom(), Is.SameAs(adapter));
        var viaAdapter = a.AsRandom().NextDouble();
        Assert.That(viaAdapter, Is.EqualTo(b.NextDouble()));
        Assert.That(a.NextDouble(), Is.EqualTo(b.NextDouble()));
    }

    [Test]
    public void Adapter_integer_draws_respect_their_bounds()
    {
        var r = NewStream("adapter_bounds").AsRandom();
        for (var i = 0; i < 2000; i++)
        {
            Assert.That(r.Next(), Is.InRange(0, int.MaxValue - 1));
            Assert.That(r.Next(7), Is.InRange(0, 6));
            Assert.That(r.Next(-3, 4), Is.InRange(-3, 3));
            Assert.That(r.NextInt64(10), Is.InRange(0L, 9L));
            Assert.That(r.NextInt64(-5, 5), Is.InRange(-5L, 4L));
            Assert.That(r.NextSingle(), Is.InRange(0f, 0.99999994f));
        }

        Assert.That(r.Next(0), Is.Zero);
        Assert.That(r.Next(5, 5), Is.EqualTo(5));
        var bytes = new byte[13];
        r.NextBytes(bytes);
        Assert.That(bytes.Any(b => b != 0), Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => r.Next(5, 4));
    }

    [Test]
    public void NextInt_stays_in_bounds_and_is_roughly_uniform()
    {
        var rng = NewStream("uniform_int");
        const int buckets = 10;
        const int n = 100_000;
        var counts = new int[buckets];
        for (var i = 0; i < n; i++)
        {
            var v = rng.NextInt(buckets);
            Assert.That(v, Is.InRange(0, buckets - 1));
            counts[v]++;
        }

        foreach (var c in counts)
        {
            Assert.That(c, Is.EqualTo(n / buckets).Within(n / buckets / 10), string.Join(",", counts));
        }

        Assert.That(rng.NextInt(1), Is.Zero);
    }

    [Test]
    public void NextLong_covers_a_closed_range_including_both_ends()
    {
        var rng = NewStream("uniform_long");
        var seen = new HashSet<long>();
        for (var i = 0; i < 5000; i++)
        {
            var v = rng.NextLong(-3, 3);
            Assert.That(v, Is.InRange(-3L, 3L));
            seen.Add(v);
        }

        Assert.That(seen, Is.EquivalentTo(new long[] { -3, -2, -1, 0, 1, 2, 3 }));
        Assert.That(rng.NextLong(5, 5), Is.EqualTo(5));
        var full = Enumerable.Range(0, 100).Select(_ => rng.NextLong(long.MinValue, long.MaxValue)).ToArray();
        Assert.That(full.Any(v => v < 0) && full.Any(v => v > 0), Is.True);
    }

    [Test]
    public void NextDouble_is_in_unit_interval_with_mean_one_half()
    {
        var rng = NewStream("uniform_double");
        var values = Enumerable.Range(0, 50_000).Select(_ => rng.NextDouble()).ToArray();
        Assert.That(values.All(v => v is >= 0 and < 1), Is.True);
        Assert.That(values.Average(), Is.EqualTo(0.5).Within(0.01));
        var ranged = Enumerable.Range(0, 1000).Select(_ => rng.NextDouble(10, 20)).ToArray();
        Assert.That(ranged.All(v => v is >= 10 and < 20), Is.True);
    }

    [Test]
    public void NextBool_gaussian_exponential_and_poisson_have_roughly_the_right_moments()
    {
        var rng = NewStream("moments_native");
        const int n = 50_000;
        Assert.That(Enumerable.Range(0, n).Count(_ => rng.NextBool(0.3)) / (double)n, Is.EqualTo(0.3).Within(0.01));
        Assert.That(Enumerable.Range(0, 100).All(_ => !rng.NextBool(0)), Is.True);
        Assert.That(Enumerable.Range(0, 100).All(_ => rng.NextBool(1)), Is.True);

        var g = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var mean = g.Average();
        var variance = g.Select(x => (x - mean) * (x - mean)).Average();
        Assert.That(mean, Is.EqualTo(0).Within(0.02));
        Assert.That(variance, Is.EqualTo(1).Within(0.03));

        Assert.That(Enumerable.Range(0, n).Select(_ => rng.NextExponential(2.0)).Average(), Is.EqualTo(0.5).Within(0.01));
        Assert.That(Enumerable.Range(0, n).Select(_ => (double)rng.NextPoisson(2.5)).Average(), Is.EqualTo(2.5).Within(0.05));
        Assert.That(Enumerable.Range(0, 5000).Select(_ => (double)rng.NextPoisson(50)).Average(), Is.EqualTo(50).Within(0.5));
        Assert.That(rng.NextPoisson(0), Is.Zero);
        Assert.That(rng.NextPoisson(-1), Is.Zero);
    }

    [Test]
    public void A_Poisson_mean_that_no_sampler_returns_for_is_refused_not_a_hang([Values(double.NaN, double.PositiveInfinity, 1.5e9)] double lambda)
    {
        // Found by the override fuzz: an engagement effect of 365 made e^(365·z) touch rates and MathNet's sampler spun.
        var rng = NewStream("poisson-domain");
        Assert.That(() => rng.NextPoisson(lambda), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("lambda"));
        Assert.That(rng.NextPoisson(1e9), Is.EqualTo(1e9).Within(2e5), "the largest accepted mean still draws");
    }

    [Test]
    public void Choose_follows_the_categorical_probabilities()
    {
        var table = new CategoricalTable([1.0, 3.0, 0.0, 6.0]);
        Assert.That(table.Count, Is.EqualTo(4));
        Assert.That(table.Probability(0), Is.EqualTo(0.1).Within(1e-12));
        Assert.That(table.Probability(1), Is.EqualTo(0.3).Within(1e-12));
        Assert.That(table.Probability(2), Is.EqualTo(0.0).Within(1e-12));
        Assert.That(table.Probability(3), Is.EqualTo(0.6).Within(1e-12));

        var rng = NewStream("categorical");
        const int n = 100_000;
        var counts = new int[4];
        for (var i = 0; i < n; i++)
        {
            counts[rng.Choose(table)]++;
        }

        Assert.That(counts[2], Is.Zero, "a zero-weight category must never be chosen");
        Assert.That(counts[0] / (double)n, Is.EqualTo(0.1).Within(0.01));
        Assert.That(counts[1] / (double)n, Is.EqualTo(0.3).Within(0.01));
        Assert.That(counts[3] / (double)n, Is.EqualTo(0.6).Within(0.01));
    }

    [Test]
    public void Categorical_table_rejects_bad_weights()
    {
        Assert.Throws<ArgumentNullException>(() => _ = new CategoricalTable(null!));
        Assert.Throws<ArgumentException>(() => _ = new CategoricalTable([]));
        Assert.Throws<ArgumentException>(() => _ = new CategoricalTable([0.5, -0.1]));
        Assert.Throws<ArgumentException>(() => _ = new CategoricalTable([double.NaN]));
        Assert.Throws<ArgumentException>(() => _ = new CategoricalTable([double.PositiveInfinity, 1]));
        Assert.Throws<ArgumentException>(() => _ = new CategoricalTable([0.0, 0.0]));
    }

    [Test]
    public void Bounded_draws_reject_bad_arguments()
    {
        var rng = NewStream("bad_args");
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextLong(3, 2));
    }

    [Test]
    public void Shuffle_is_a_deterministic_permutation_and_pick_is_uniform()
    {
        var a = Enumerable.Range(0, 100).ToArray();
        var b = Enumerable.Range(0, 100).ToArray();
        NewStream("shuffle").Shuffle(a.AsSpan());
        NewStream("shuffle").Shuffle(b.AsSpan());
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.EquivalentTo(Enumerable.Range(0, 100)));
        Assert.That(a, Is.Not.EqualTo(Enumerable.Range(0, 100)));

        var rng = NewStream("pick");
        string[] items = ["x", "y", "z"];
        var picks = Enumerable.Range(0, 30_000).Select(_ => rng.Pick(items)).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(picks.Keys, Is.EquivalentTo(items));
        Assert.That(picks.Values, Has.All.InRange(9_500, 10_500));
    }
}
