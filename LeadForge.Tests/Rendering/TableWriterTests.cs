using System.Text;
using LeadForge.Rendering;
using LeadForge.Tables;
using LeadForge.Tests.TestSupport;
using Parquet;

namespace LeadForge.Tests.Rendering;

public class TableWriterTests
{
    internal static readonly TableSchema AllTypes = new(
        "all_types",
        "Every column type, nullable and not.",
        [
            new ColumnSchema("id", ColumnType.String, false, "Row id."),
            new ColumnSchema("flag", ColumnType.Boolean, false, "A flag."),
            new ColumnSchema("small", ColumnType.Int32, true, "An int."),
            new ColumnSchema("big", ColumnType.Int64, false, "A long."),
            new ColumnSchema("ratio", ColumnType.Double, true, "A double."),
            new ColumnSchema("note", ColumnType.String, true, "Free text."),
            new ColumnSchema("tier", ColumnType.String, false, "A category.", DictionaryEncoded: true),
            new ColumnSchema("at", ColumnType.Timestamp, true, "A timestamp."),
            new ColumnSchema("day", ColumnType.Date, false, "A date."),
        ],
        "id");

    internal static Table BuildAllTypes(int rows)
    {
        var start = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc);
        var c = AllTypes.Columns;
        var r = Enumerable.Range(0, rows).ToArray();
        return new Table(AllTypes, [
            Column.FromStrings(c[0], r.Select(i => $"row_{i:D5}").ToArray()),
            Column.FromValues(c[1], r.Select(i => i % 3 == 0).ToArray()),
            NullableColumn.Of(c[2], r.Select(i => i % 7 == 0 ? (int?)null : i - 50).ToArray()),
            Column.FromValues(c[3], r.Select(i => (long)i * 3_000_000_000L).ToArray()),
            NullableColumn.Of(c[4], r.Select(i => i % 5 == 0 ? (double?)null : i / 3.0).ToArray()),
            Column.FromStrings(c[5], r.Select(i => (i % 4) switch { 0 => null, 1 => string.Empty, 2 => "say \"hi\", then\r\nleave", _ => "ünïcødé" }).ToArray()),
            Column.FromStrings(c[6], r.Select(i => i % 2 == 0 ? "gold" : "silver").ToArray()),
            NullableColumn.Of(c[7], r.Select(i => i % 6 == 0 ? (DateTime?)null : start.AddSeconds(i * 3601.5).AddTicks(i * 10)).ToArray()),
            Column.FromValues(c[8], r.Select(i => new DateOnly(1999, 12, 31).AddDays(i)).ToArray()),
        ]);
    }

    [Test]
    public async Task Parquet_to_a_memory_stream_round_trips_every_type_and_null()
    {
        var table = BuildAllTypes(250);
        using var stream = new MemoryStream();
        await table.WriteParquetAsync(stream, rowGroupSize: 100);
        Assert.That(stream.CanWrite, Is.True, "the stream is left open");

        stream.Position = 0;
        var read = await BundleReader.ReadParquetAsync(stream);
        Assert.That(read.ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()));
        Assert.That(read.Schema.Columns, Is.EqualTo(table.Schema.Columns));
        Assert.That(read.Name, Is.EqualTo("all_types"));
        Assert.That(read["at"].As<DateTime>()[1]!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));

        stream.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true);
        Assert.That(reader.RowGroupCount, Is.EqualTo(3));
        Assert.That(reader.RowGroups.Select(g => g.RowCount), Is.EqualTo(new long[] { 100, 100, 50 }));
    }

    [Test]
    public async Task Parquet_writes_to_a_non_seekable_stream_and_identical_tables_give_identical_bytes()
    {
        var table = BuildAllTypes(40);
        using var first = new MemoryStream();
        await table.WriteParquetAsync(new ForwardOnlyStream(first));
        using var second = new MemoryStream();
        await BuildAllTypes(40).WriteParquetAsync(second);
        Assert.That(first.ToArray(), Is.EqualTo(second.ToArray()));
    }

    [Test]
    public async Task Empty_table_writes_a_readable_parquet_file()
    {
        var table = BuildAllTypes(0);
        using var stream = new MemoryStream();
        await table.WriteParquetAsync(stream);
        stream.Position = 0;
        var read = await BundleReader.ReadParquetAsync(new ForwardOnlyReadStream(stream.ToArray()));
        Assert.That(read.RowCount, Is.Zero);
        Assert.That(read.Schema.Columns, Is.EqualTo(table.Schema.Columns));
    }

    [Test]
    public async Task Csv_to_a_memory_stream_follows_rfc_4180_with_iso_timestamps()
    {
        var table = BuildAllTypes(7);
        using var stream = new MemoryStream();
        await table.WriteCsvAsync(stream);
        var bytes = stream.ToArray();
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no BOM");
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split("\r\n");

        Assert.That(lines[0], Is.EqualTo("id,flag,small,big,ratio,note,tier,at,day"));
        Assert.That(lines[1], Is.EqualTo("row_00000,true,,0,,,gold,,1999-12-31"));
        Assert.That(lines[2], Is.EqualTo("row_00001,false,-49,3000000000,0.3333333333333333,\"\",silver,2024-03-01T00:59:59.500001Z,2000-01-01"));
        Assert.That(lines[3], Is.EqualTo("row_00002,false,-48,6000000000,0.6666666666666666,\"say \"\"hi\"\", then"));
        Assert.That(lines[4], Is.EqualTo("leave\",gold,2024-03-01T02:00:01.000002Z,2000-01-02"));
        Assert.That(lines[5], Does.Contain(",ünïcødé,"));
        Assert.That(text, Does.EndWith("\r\n"));
    }

    [Test]
    public async Task Writers_reject_bad_arguments()
    {
        var table = BuildAllTypes(1);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.WriteParquetAsync(new MemoryStream(), rowGroupSize: 0));
        await Assert.ThrowsAsync<ArgumentException>(() => table.WriteParquetAsync(new MemoryStream([], writable: false)));
        await Assert.ThrowsAsync<ArgumentException>(() => table.WriteCsvAsync(new MemoryStream([], writable: false)));
    }

    [Test]
    public async Task Reading_garbage_or_a_mismatched_schema_is_a_format_error()
    {
        await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadParquetAsync(new MemoryStream(Encoding.UTF8.GetBytes("not parquet at all, clearly"))));
    }

    [Test]
    public async Task Reading_with_an_explicit_schema_checks_columns_and_types()
    {
        using var stream = new MemoryStream();
        await BuildAllTypes(5).WriteParquetAsync(stream);

        var subset = new TableSchema("subset", string.Empty, [new ColumnSchema("big", ColumnType.Int64, false, string.Empty), new ColumnSchema("id", ColumnType.String, false, string.Empty)]);
        stream.Position = 0;
        var read = await BundleReader.ReadParquetAsync(stream, subset);
        Assert.That(read.Schema.Columns.Select(c => c.Name), Is.EqualTo(new[] { "big", "id" }));
        Assert.That(read["big"].As<long>()[4], Is.EqualTo(12_000_000_000L));

        var wrongType = new TableSchema("x", string.Empty, [new ColumnSchema("big", ColumnType.Int32, false, string.Empty)]);
        stream.Position = 0;
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadParquetAsync(stream, wrongType)))!.Message, Does.Contain("'big'"));

        var missing = new TableSchema("x", string.Empty, [new ColumnSchema("nope", ColumnType.Int32, false, string.Empty)]);
        stream.Position = 0;
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadParquetAsync(stream, missing)))!.Message, Does.Contain("'nope'"));

        var notNullable = new TableSchema("x", string.Empty, [new ColumnSchema("small", ColumnType.Int32, false, string.Empty)]);
        stream.Position = 0;
        Assert.That((await Assert.ThrowsAsync<BundleFormatException>(() => BundleReader.ReadParquetAsync(stream, notNullable)))!.Message, Does.Contain("'small'"));
    }

    /// <summary>A write-only stream that cannot seek or report its position.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    /// <summary>A read-only stream that cannot seek.</summary>
    private sealed class ForwardOnlyReadStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
