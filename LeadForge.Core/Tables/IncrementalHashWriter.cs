using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LeadForge.Tables;

/// <summary>
/// Feeds typed values into a SHA-256 in an unambiguous, platform-independent encoding:
/// null = <c>0x00</c>; integer = <c>0x01</c> + 8 bytes little-endian; string = <c>0x02</c> +
/// 4-byte little-endian UTF-8 length + the UTF-8 bytes. Bytes are staged in a buffer and hashed
/// in blocks, which gives the same hash as hashing every value on its own.
/// </summary>
internal sealed class IncrementalHashWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public void WriteNull()
    {
        Reserve(1);
        _buffer[_used++] = 0;
    }

    public void Write(long value)
    {
        Reserve(9);
        _buffer[_used] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_used + 1, 8), value);
        _used += 9;
    }

    public void Write(string value) => Write(value.AsSpan());

    public void Write(ReadOnlySpan<char> value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(length);
        if (length <= BufferSize)
        {
            Reserve(length);
            _used += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_used));
            return;
        }

        Flush();
        _hash.AppendData(Encoding.UTF8.GetBytes(value.ToArray()));
    }

    /// <summary>Writes a string given as its UTF-8 bytes (same encoding as <see cref="Write(string)"/>).</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        if (utf8.Length <= BufferSize)
        {
            Reserve(utf8.Length);
            utf8.CopyTo(_buffer.AsSpan(_used));
            _used += utf8.Length;
            return;
        }

        Flush();
        _hash.AppendData(utf8);
    }

    public string Finish()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private void WriteStringHeader(int utf8Length)
    {
        Reserve(5);
        _buffer[_used] = 2;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_used + 1, 4), utf8Length);
        _used += 5;
    }

    private void Reserve(int bytes)
    {
        if (_used + bytes > BufferSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_used > 0)
        {
            _hash.AppendData(_buffer, 0, _used);
            _used = 0;
        }
    }
}
