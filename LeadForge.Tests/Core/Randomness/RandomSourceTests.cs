using System.Collections.Concurrent;
using LeadForge.Randomness;
using MathNet.Numerics.Distributions;

namespace LeadForge.Tests.Core.Randomness;

public class RandomSourceTests
{
    private static ulong[] First5(RandomStream stream) => Enumerable.Range(0, 5).Select(_ => stream.NextUInt64()).ToArray();

    private static string Hex(IEnumerable<ulong> values) => string.Join(" ", values.Select(v => v.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));

    // Golden values: computed once from the algorithm documented on RandomSource and pinned here.
    // If this test fails, the RNG changed and every published dataset would change with it.
    [TestCase(42L, "simulation/touches", 0L, "9ec62f11184c2e82 e21166e02cab87c5 eb92182e41458999 dcbf650d8e355ca6 27bf5a874314ad6c")]
    [TestCase(42L, "simulation/touches", 7L, "36bfc2187be25046 c0abc8ad203a8ac9 c24c16fefcd5f330 0c2453fbe1966e06 c8f25769b53b44b2")]
    [TestCase(1L, "plan", 0L, "01cfdacc53f8d464 c7140c158caa68bc c986378c5e2c15c9 b74f51c2504cdcc2 bf3168aea3aa9c4b")]
    public void Streams_produce_pinned_golden_values(long seed, string path, long entity, string expectedHex)
    {
        var actual = Hex(First5(RandomSource.FromSeed(seed).Derive(path).Stream(entity)));
        Assert.That(actual, Is.EqualTo(expectedHex));
    }

    [Test]
    public void Deriving_a_path_equals_deriving_each_segment()
    {
        var root = RandomSource.FromSeed(42);
        var direct = root.Derive("a/b");
        var stepwise = root.Derive("a").Derive("b");
        Assert.That(First5(direct.Stream(3)), Is.EqualTo(First5(stepwise.Stream(3))));
        Assert.That(direct.Path, Is.EqualTo("a/b"));
        Assert.That(stepwise.Path, Is.EqualTo("a/b"));
    }

    [Test]
    public void Different_names_seeds_and_indices_give_different_streams()
    {
        var root = RandomSource.FromSeed(42);
        var reference = First5(root.Derive("a").Stream(0));
        Assert.That(First5(root.Derive("b").Stream(0)), Is.Not.EqualTo(reference));
        Assert.That(First5(root.Derive("a").Stream(1)), Is.Not.EqualTo(reference));
        Assert.That(First5(RandomSource.FromSeed(43).Derive("a").Stream(0)), Is.Not.EqualTo(reference));
        Assert.That(First5(root.Derive("a/a").Stream(0)), Is.Not.EqualTo(reference));
    }

    [Test]
    public void Same_key_gives_the_same_stream_every_time()
    {
        var a = First5(RandomSource.FromSeed(9).Derive("x/y").Stream(12));
        var b = First5(RandomSource.FromSeed(9).Derive("x/y").Stream(12));
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void Adding_draws_to_one_stream_leaves_other_streams_unchanged()
    {
        static (double[] Touches, double[] Sessions) Run(int extraTouchDraws)
        {
            var root = RandomSource.FromSeed(42);
            var touches = root.Derive("simulation/touches").Stream(5);
            var sessions = root.Derive("simulation/sessions").Stream(5);
            var t = new List<double>();
            var s = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                t.Add(touches.NextDouble());
                for (var k = 0; k < extraTouchDraws; k++)
                {
                    touches.NextDouble();
                }

                s.Add(sessions.NextDouble());
            }

            return (t.ToArray(), s.ToArray());
        }

        var baseline = Run(0);
        var extra = Run(3);
        Assert.That(extra.Sessions, Is.EqualTo(baseline.Sessions));
        Assert.That(extra.Touches, Is.Not.EqualTo(baseline.Touches), "the extra draws must actually change the touched stream");
    }

    [Test]
    public void Entity_draws_do_not_depend_on_processing_order_or_parallelism()
    {
        const int n = 10_000;
        var source = RandomSource.FromSeed(2024).Derive("simulation/leads");

        static double[] Draws(RandomSource source, int entity)
        {
            var rng = source.Stream(entity);
            return [rng.NextDouble(), rng.NextGaussian(), rng.NextInt(1000), rng.NextPoisson(3.5), Gamma.Sample(rng.AsRandom(), 2.0, 1.5)];
        }

        var sequential = new double[n][];
        for (var i = 0; i < n; i++)
        {
            sequential[i] = Draws(source, i);
        }

        var order = Enumerable.Range(0, n).ToArray();
        RandomSource.FromSeed(7).Stream().Shuffle(order.AsSpan());
        Assert.That(order, Is.Not.EqualTo(Enumerable.Range(0, n)), "the order must really be shuffled");
        var shuffled = new double[n][];
        foreach (var i in order)
        {
            shuffled[i] = Draws(source, i);
        }

        var parallel = new double[n][];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Draws(source, i));

        var bag = new ConcurrentDictionary<int, double[]>();
        Parallel.ForEach(order.Reverse(), i => bag[i] = Draws(source, i));

        for (var i = 0; i < n; i++)
        {
            Assert.That(shuffled[i], Is.EqualTo(sequential[i]), $"entity {i}, shuffled order");
            Assert.That(parallel[i], Is.EqualTo(sequential[i]), $"entity {i}, Parallel.For");
            Assert.That(bag[i], Is.EqualTo(sequential[i]), $"entity {i}, Parallel.ForEach reversed");
        }
    }

    [Test]
    public void Derive_rejects_empty_names_and_segments()
    {
        var root = RandomSource.FromSeed(1);
        Assert.Throws<ArgumentException>(() => root.Derive(""));
        Assert.Throws<ArgumentNullException>(() => root.Derive(null!));
        Assert.Throws<ArgumentException>(() => root.Derive("a//b"));
        Assert.Throws<ArgumentException>(() => root.Derive("/a"));
        Assert.Throws<ArgumentException>(() => root.Derive("a/"));
    }

    [Test]
    public void Root_path_is_empty_and_prints_as_root()
    {
        var root = RandomSource.FromSeed(1);
        Assert.That(root.Path, Is.Empty);
        Assert.That(root.ToString(), Is.EqualTo("(root)"));
        Assert.That(root.Derive("x/y").ToString(), Is.EqualTo("x/y"));
    }
}
