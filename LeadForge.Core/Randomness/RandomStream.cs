using System.Numerics;
using System.Runtime.CompilerServices;

namespace LeadForge.Randomness;

/// <summary>
/// One named random substream: a xoshiro256** generator whose state is derived from
/// (root seed, name path, entity index) by <see cref="RandomSource"/>.
/// </summary>
/// <remarks>
/// Use the primitive draws here in hot loops; for MathNet.Numerics distributions pass
/// <see cref="AsRandom"/> to the scalar <c>Sample(random, …)</c> overloads.
/// </remarks>
/// <threadsafety>Not thread-safe: a stream belongs to the code that opened it.</threadsafety>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;
    private StreamRandom? _adapter;

    internal RandomStream(ulong key)
    {
        var sm = key;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
        if ((_s0 | _s1 | _s2 | _s3) == 0)
        {
            _s0 = SplitMix64.Gamma;
        }
    }

    /// <summary>Returns the next 64 uniformly distributed bits.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a uniform double in [0, 1) with 53 bits of precision.</summary>
    /// <returns>A value in [0, 1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a uniform integer in [0, <paramref name="maxExclusive"/>) without bias.</summary>
    /// <param name="maxExclusive">The exclusive upper bound; must be positive.</param>
    /// <returns>A value in [0, maxExclusive).</returns>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)NextUInt64Below((ulong)maxExclusive);
    }

    /// <summary>Returns a uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxInclusive"/>].</summary>
    /// <param name="minInclusive">The inclusive lower bound.</param>
    /// <param name="maxInclusive">The inclusive upper bound; not below <paramref name="minInclusive"/>.</param>
    /// <returns>A value in the closed range.</returns>
    public long NextLong(long minInclusive, long maxInclusive)
    {
        if (maxInclusive < minInclusive)
        {
            throw new ArgumentOutOfRangeException(nameof(maxInclusive), "The upper bound is below the lower bound.");
        }

        var span = unchecked((ulong)(maxInclusive - minInclusive)) + 1;
        return span == 0 ? unchecked((long)NextUInt64()) : minInclusive + (long)NextUInt64Below(span);
    }

    /// <summary>Returns <see langword="true"/> with probability <paramref name="probability"/>.</summary>
    /// <param name="probability">The probability of <see langword="true"/>; values outside [0, 1] are clamped.</param>
    /// <returns>The Bernoulli outcome.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextBool(double probability) => NextDouble() < probability;

    /// <summary>Returns a uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    /// <param name="min">The inclusive lower bound.</param>
    /// <param name="max">The exclusive upper bound.</param>
    /// <returns>The draw.</returns>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Returns a standard normal draw (Box–Muller; one uniform pair per call).</summary>
    /// <returns>A draw from N(0, 1).</returns>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Returns an exponential draw with the given rate.</summary>
    /// <param name="rate">The rate λ (mean 1/λ); must be positive.</param>
    /// <returns>The draw.</returns>
    public double NextExponential(double rate) => -Math.Log(1.0 - NextDouble()) / rate;

    /// <summary>The largest Poisson mean <see cref="NextPoisson"/> accepts: its draws stay far inside <see cref="int"/>.</summary>
    private const double MaxPoissonMean = 1e9;

    /// <summary>
    /// Returns a Poisson draw by inversion of the CDF (suitable for the small daily intensities
    /// of event simulation; for λ above 30 MathNet's sampler is used through <see cref="AsRandom"/>).
    /// </summary>
    /// <param name="lambda">The mean; zero or less draws 0; must be finite and at most 10⁹.</param>
    /// <returns>The draw.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is NaN, infinite or above 10⁹ (MathNet's sampler would not return).</exception>
    public int NextPoisson(double lambda)
    {
        if (double.IsNaN(lambda) || lambda > MaxPoissonMean)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"A Poisson mean must be finite and at most {MaxPoissonMean:0e0}.");
        }

        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 30)
        {
            return MathNet.Numerics.Distributions.Poisson.Sample(AsRandom(), lambda);
        }

        var u = NextDouble();
        var p = Math.Exp(-lambda);
        var cdf = p;
        var k = 0;
        while (u > cdf && k < 1000)
        {
            k++;
            p *= lambda / k;
            cdf += p;
        }

        return k;
    }

    /// <summary>Picks an index according to the given cumulative-weight table.</summary>
    /// <param name="table">The categorical table.</param>
    /// <returns>The chosen index.</returns>
    public int Choose(CategoricalTable table) => table.Sample(NextDouble());

    /// <summary>Picks one element of a non-empty list uniformly.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The candidates.</param>
    /// <returns>The chosen element.</returns>
    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(items.Count)];

    /// <summary>Shuffles the span in place (Fisher–Yates).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items to shuffle.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)NextUInt64Below((ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Returns a <see cref="System.Random"/> view of this stream for MathNet.Numerics' scalar
    /// <c>Sample(random, …)</c> calls. The view shares this stream's state.
    /// </summary>
    /// <returns>The adapter (created once per stream).</returns>
    public Random AsRandom() => _adapter ??= new StreamRandom(this);

    private ulong NextUInt64Below(ulong bound)
    {
        // Lemire's nearly-divisionless method.
        var x = NextUInt64();
        var m = Math.BigMul(x, bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                x = NextUInt64();
                m = Math.BigMul(x, bound, out low);
            }
        }

        return m;
    }
}
