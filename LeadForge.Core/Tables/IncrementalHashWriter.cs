using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LeadForge.Tables;

/// <summary>Feeds typed values into a SHA-256 in an unambiguous, platform-independent encoding.</summary>
internal sealed class IncrementalHashWriter : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[9];

    public void WriteNull()
    {
        _buffer[0] = 0;
        _hash.AppendData(_buffer, 0, 1);
    }

    public void Write(long value)
    {
        _buffer[0] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(1), value);
        _hash.AppendData(_buffer, 0, 9);
    }

    public void Write(string value)
    {
        _buffer[0] = 2;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(1), Encoding.UTF8.GetByteCount(value));
        _hash.AppendData(_buffer, 0, 5);
        _hash.AppendData(Encoding.UTF8.GetBytes(value));
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
