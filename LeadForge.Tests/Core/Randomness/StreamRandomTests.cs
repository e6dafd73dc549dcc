using LeadForge.Randomness;

namespace LeadForge.Tests.Core.Randomness;

/// <summary>
/// The System.Random adapter (<see cref="RandomStream.AsRandom"/>) draws exactly what the stream draws, bit
/// for bit, so MathNet's samplers stay on our substreams; written for the survivors of a Stryker run on
/// Core/Randomness (issue 18 point 7).
/// </summary>
public sealed class StreamRandomTests
{
    private static RandomStream Twin() => RandomSource.FromSeed(42).Derive("adapter").Stream(3);

    [Test]
    public void Each_draw_is_the_streams_next_word_cut_the_documented_way()
    {
        var random = Twin().AsRandom();
        var stream = Twin();
        Assert.Multiple(() =>
        {
            Assert.That(random.Next(), Is.EqualTo((int)(stream.NextUInt64() >> 33)));
            Assert.That(random.NextInt64(), Is.EqualTo((long)(stream.NextUInt64() >> 1)));
            Assert.That(random.NextSingle(), Is.EqualTo((stream.NextUInt64() >> 40) * (1.0f / (1U << 24))));
            Assert.That(random.NextDouble(), Is.EqualTo(stream.NextDouble()));
            Assert.That(random.Next(10), Is.EqualTo(stream.NextInt(10)));
            Assert.That(random.Next(1, 3), Is.EqualTo((int)stream.NextLong(1, 2)));
            Assert.That(random.NextInt64(7), Is.EqualTo(stream.NextLong(0, 6)));
            Assert.That(random.NextInt64(2, 9), Is.EqualTo(stream.NextLong(2, 8)));
        });
    }

    [Test]
    public void Bytes_are_the_little_endian_words_of_the_stream()
    {
        var bytes = new byte[13];
        Twin().AsRandom().NextBytes(bytes);
        var stream = Twin();
        var expected = BitConverter.GetBytes(stream.NextUInt64()).Concat(BitConverter.GetBytes(stream.NextUInt64()).Take(5)).ToArray();
        Assert.That(bytes, Is.EqualTo(expected));
        var none = Array.Empty<byte>();
        var random = Twin().AsRandom();
        random.NextBytes(none);
        Assert.That(random.Next(), Is.EqualTo((int)(Twin().NextUInt64() >> 33)), "an empty buffer draws nothing");
    }

    [Test]
    public void Empty_ranges_draw_nothing_and_reversed_or_negative_ones_are_refused()
    {
        var random = Twin().AsRandom();
        Assert.Multiple(() =>
        {
            Assert.That(random.Next(0), Is.Zero);
            Assert.That(random.Next(5, 5), Is.EqualTo(5));
            Assert.That(random.NextInt64(0), Is.Zero);
            Assert.That(random.NextInt64(3, 3), Is.EqualTo(3));
            Assert.That(random.Next(), Is.EqualTo((int)(Twin().NextUInt64() >> 33)), "the empty ranges consumed no draw");
            Assert.That(() => random.Next(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => random.Next(6, 5), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => random.NextInt64(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => random.NextInt64(4, 3), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void A_stream_name_with_an_empty_segment_is_refused_by_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => RandomSource.FromSeed(1).Derive("plan//accounts"))!;
        Assert.That(ex.Message, Does.Contain("'plan//accounts' has an empty path segment"));
    }
}
