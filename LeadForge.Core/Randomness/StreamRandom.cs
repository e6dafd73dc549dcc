namespace LeadForge.Randomness;

/// <summary>
/// A <see cref="Random"/> whose every draw comes from a <see cref="RandomStream"/>, so that
/// MathNet.Numerics distributions draw from LeadForge's named substreams.
/// </summary>
internal sealed class StreamRandom : Random
{
    private readonly RandomStream _stream;

    [System.Diagnostics.CodeAnalysis.SuppressMessage(
        "ApiDesign",
        "RS0030:Do not use banned APIs",
        Justification = "Random is only the type MathNet expects: every Next*/Sample override draws from the seeded RandomStream, so the base generator is never read.")]
    internal StreamRandom(RandomStream stream)
        : base(0)
    {
        _stream = stream;
    }

    public override int Next() => (int)(_stream.NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : _stream.NextInt(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue == maxValue ? minValue : (int)_stream.NextLong(minValue, (long)maxValue - 1);
    }

    public override long NextInt64() => (long)(_stream.NextUInt64() >> 1);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : _stream.NextLong(0, maxValue - 1);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue == maxValue ? minValue : _stream.NextLong(minValue, maxValue - 1);
    }

    public override double NextDouble() => _stream.NextDouble();

    public override float NextSingle() => (float)(_stream.NextUInt64() >> 40) * (1.0f / (1U << 24));

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        while (buffer.Length >= 8)
        {
            BitConverter.TryWriteBytes(buffer, _stream.NextUInt64());
            buffer = buffer[8..];
        }

        if (buffer.Length > 0)
        {
            var last = _stream.NextUInt64();
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)(last >> (8 * i));
            }
        }
    }

    protected override double Sample() => _stream.NextDouble();
}
