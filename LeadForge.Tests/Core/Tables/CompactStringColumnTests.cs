using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using LeadForge.Identifiers;
using LeadForge.Tables;
using LeadForge.Tests.TestSupport;

using LeadForge.Schemes.LeadScoring;

namespace LeadForge.Tests.Core.Tables;

/// <summary>Entity-id and code-backed string columns and the content hash encoding.</summary>
public class CompactStringColumnTests
{
    private static readonly ColumnSchema Id = new("lead_id", ColumnType.String, false, "Id.");
    private static readonly ColumnSchema NullableId = new("owner_id", ColumnType.String, true, "Id or null.");
    private static readonly ColumnSchema Channel = new("channel", ColumnType.String, true, "Channel.", DictionaryEncoded: true);
    private static readonly ColumnSchema PlainChannel = Channel with { DictionaryEncoded = false };
    private static readonly string[] Channels = ["email", "web", "event"];

    private static readonly TableSchema Leads = new("leads", "One row per lead.", [Id, NullableId, Channel], "lead_id");

    /// <summary>The same rows built three ways: plain strings, or entity ids plus codes.</summary>
    private static (Table Plain, Table Compact) BuildBoth(int rows, int offset = 0)
    {
        var plainIds = new string?[rows];
        var plainOwners = new string?[rows];
        var plainChannels = new string?[rows];
        var ids = new int[rows];
        var owners = new int[rows];
        var channels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var i = offset + r;
            plainIds[r] = EntityId.Format(EntityPrefixes.Lead, i + 1);
            ids[r] = i + 1;
            if (i % 4 != 1)
            {
                plainOwners[r] = EntityId.Format(EntityPrefixes.Rep, (i % 3) + 1_000_000);
                owners[r] = (i % 3) + 1_000_000;
            }

            var code = (i * 7 + 2) % 5;
            plainChannels[r] = code < 3 ? Channels[code] : null;
            channels[r] = code < 3 ? code : -1;
        }

        var plain = new Table(Leads, [Column.FromStrings(Id, plainIds), Column.FromStrings(NullableId, plainOwners), Column.FromStrings(Channel, plainChannels)]);
        var compact = new Table(Leads, [
            Column.FromEntityIds(Id, EntityPrefixes.Lead, ids),
            Column.FromEntityIds(NullableId, EntityPrefixes.Rep, owners),
            Column.FromCodes(Channel, Channels, channels),
        ]);
        return (plain, compact);
    }

    [Test]
    public void Entity_id_and_code_columns_read_and_hash_like_plain_strings()
    {
        var (plain, compact) = BuildBoth(50);
        var ids = compact["lead_id"].AsString();
        Assert.That(ids.IsEntityIdEncoded, Is.True);
        Assert.That(ids.IsDictionaryEncoded, Is.False);
        Assert.That(ids.EntityIdPrefix, Is.EqualTo("lead"));
        Assert.That(ids.GetEntityIdNumber(9), Is.EqualTo(10));
        Assert.That(ids[9], Is.EqualTo("lead_000010"));
        var owners = compact["owner_id"].AsString();
        Assert.That(owners.NullCount, Is.EqualTo(plain["owner_id"].NullCount).And.GreaterThan(0));
        Assert.That(owners.IsNull(1), Is.True);
        Assert.That(owners.GetValue(1), Is.Null);
        Assert.That(owners[0], Is.EqualTo("rep_1000000"));
        var channel = compact["channel"].AsString();
        Assert.That(channel.IsDictionaryEncoded, Is.True);
        Assert.That(channel.Dictionary, Is.EqualTo(plain["channel"].AsString().Dictionary), "renumbered to first-appearance order");

        foreach (var c in Leads.Columns)
        {
            Assert.That(compact[c.Name].AsString().ToArray(), Is.EqualTo(plain[c.Name].AsString().ToArray()), c.Name);
        }

        Assert.That(compact.ComputeContentHash(), Is.EqualTo(plain.ComputeContentHash()));
        int[] rows = [49, 0, 1, 17, 1];
        Assert.That(compact.Take(rows).ComputeContentHash(), Is.EqualTo(plain.Take(rows).ComputeContentHash()));
        Assert.That(compact.Take(rows)["lead_id"].AsString().IsEntityIdEncoded, Is.True, "Take keeps the numbers");
        Assert.That(compact.Take(rows)["channel"].AsString().Dictionary, Is.EqualTo(plain.Take(rows)["channel"].AsString().Dictionary));
    }

    [Test]
    public void Entity_id_column_converts_to_codes_under_a_dictionary_schema_and_back()
    {
        var ids = Column.FromEntityIds(NullableId, "rep", [3, 0, 3, 12, 1]);
        var dict = (StringColumn)ids.WithSchema(NullableId with { DictionaryEncoded = true });
        Assert.That(dict.IsDictionaryEncoded, Is.True);
        Assert.That(dict.Dictionary, Is.EqualTo(new[] { "rep_000003", "rep_000012", "rep_000001" }));
        Assert.That(dict.AllCodes(), Is.EqualTo(new[] { 0, -1, 0, 1, 2 }));
        var back = (StringColumn)dict.WithSchema(NullableId);
        Assert.That(back.IsDictionaryEncoded, Is.False);
        Assert.That(back.ToArray(), Is.EqualTo(ids.ToArray()));
        Assert.That(Column.FromEntityIds(Channel, "rep", [2, 2]).IsDictionaryEncoded, Is.True, "a dictionary schema always gets codes");
    }

    [Test]
    public void From_codes_renumbers_to_first_appearance_and_drops_unused_values()
    {
        var column = Column.FromCodes(Channel, ["a", "b", "c", "d"], [2, -1, 0, 2, 0]);
        Assert.That(column.Dictionary, Is.EqualTo(new[] { "c", "a" }));
        Assert.That(column.AllCodes(), Is.EqualTo(new[] { 0, -1, 1, 0, 1 }));
        Assert.That(column.NullCount, Is.EqualTo(1));

        var ordered = Column.FromCodes(Channel, ["a", "b", "c"], [0, 1, 0]);
        Assert.That(ordered.Dictionary, Is.EqualTo(new[] { "a", "b" }), "an unused tail entry is dropped");

        var dictionary = new[] { "x", "y" };
        var plain = Column.FromCodes(PlainChannel, dictionary, [1, 1, -1, 0]);
        Assert.That(plain.IsDictionaryEncoded, Is.False);
        Assert.That(plain.ToArray(), Is.EqualTo(new[] { "y", "y", null, "x" }));
        Assert.That(plain[0], Is.SameAs(dictionary[1]), "the dictionary's instances are shared, not copied");
    }

    [Test]
    public void Compact_factories_reject_bad_input()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Column.FromEntityIds(Id, "lead", [1, -2]));
        Assert.That(Assert.Throws<ArgumentException>(() => Column.FromEntityIds(Id, "lead", [1, 0]))!.Message, Does.Contain("not nullable"));
        Assert.Throws<ArgumentException>(() => Column.FromEntityIds(Id, string.Empty, [1]));
        Assert.Throws<ArgumentException>(() => Column.FromEntityIds(new ColumnSchema("n", ColumnType.Int64, false, ""), "lead", [1]));

        Assert.Throws<ArgumentOutOfRangeException>(() => Column.FromCodes(Channel, Channels, [0, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Column.FromCodes(Channel, Channels, [-2]));
        Assert.That(Assert.Throws<ArgumentException>(() => Column.FromCodes(Channel, ["a", "a"], [0]))!.Message, Does.Contain("twice"));
        Assert.Throws<ArgumentException>(() => Column.FromCodes(Channel, ["a", null!], [0]));
        Assert.That(Assert.Throws<ArgumentException>(() => Column.FromCodes(Channel with { Nullable = false }, Channels, [0, -1]))!.Message, Does.Contain("not nullable"));
        Assert.Throws<ArgumentException>(() => Column.FromCodes(new ColumnSchema("n", ColumnType.Int32, false, ""), Channels, [0]));
    }

    [Test]
    public void Concat_keeps_compact_storage_when_every_part_has_it()
    {
        var (plainA, compactA) = BuildBoth(10);
        var (plainB, compactB) = BuildBoth(7, offset: 100);
        var expected = Table.Concat(Leads, [plainA, plainB]).ComputeContentHash();

        var joined = Table.Concat(Leads, [compactA, compactA.Take([]), compactB]);
        Assert.That(joined.ComputeContentHash(), Is.EqualTo(expected));
        Assert.That(joined["lead_id"].AsString().IsEntityIdEncoded, Is.True);
        Assert.That(joined["channel"].AsString().IsDictionaryEncoded, Is.True);

        var mixed = Table.Concat(Leads, [compactA, plainB]);
        Assert.That(mixed.ComputeContentHash(), Is.EqualTo(expected));
        Assert.That(mixed["lead_id"].AsString().IsEntityIdEncoded, Is.False, "a plain part makes the result plain");

        var schema = new TableSchema("ids", "", [NullableId]);
        var prefixes = Table.Concat(schema, [
            new Table(schema, [Column.FromEntityIds(NullableId, "rep", [1, 0])]),
            new Table(schema, [Column.FromEntityIds(NullableId, "acct", [2])]),
        ]);
        Assert.That(prefixes["owner_id"].AsString().ToArray(), Is.EqualTo(new[] { "rep_000001", null, "acct_000002" }));

        // Parts with different dictionaries merge into one dictionary in first-appearance order.
        var dictSchema = new TableSchema("c", "", [Channel]);
        var merged = Table.Concat(dictSchema, [
            new Table(dictSchema, [Column.FromCodes(Channel, ["b", "a"], [0, 1, -1])]),
            new Table(dictSchema, [Column.FromCodes(Channel, ["c", "a"], [1, 0])]),
        ])["channel"].AsString();
        Assert.That(merged.Dictionary, Is.EqualTo(new[] { "b", "a", "c" }));
        Assert.That(merged.ToArray(), Is.EqualTo(new[] { "b", "a", null, "a", "c" }));
    }

    [Test]
    public void Content_hash_follows_the_documented_canonical_encoding()
    {
        // name, then per column name + type, the row count, then the cells column by column:
        // null = 0x00, integer = 0x01 + int64 LE, string = 0x02 + int32 LE UTF-8 length + bytes.
        var longText = new string('é', 40_000); // 80,000 UTF-8 bytes: larger than the hash buffer
        var text = new ColumnSchema("text", ColumnType.String, true, "");
        var flag = new ColumnSchema("flag", ColumnType.Boolean, false, "");
        var schema = new TableSchema("pin", "", [text, flag, Channel]);
        var table = new Table(schema, [
            Column.FromStrings(text, [longText, null]),
            Column.FromValues(flag, [true, false]),
            Column.FromCodes(Channel, Channels, [-1, 1]),
        ]);

        var bytes = new List<byte>();
        void Int(long v)
        {
            bytes.Add(1);
            var b = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            bytes.AddRange(b);
        }

        void Str(string s)
        {
            var utf8 = Encoding.UTF8.GetBytes(s);
            bytes.Add(2);
            var b = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, utf8.Length);
            bytes.AddRange(b);
            bytes.AddRange(utf8);
        }

        Str("pin");
        foreach (var c in schema.Columns)
        {
            Str(c.Name);
            Int((long)c.Type);
        }

        Int(2);
        Str(longText);
        bytes.Add(0);
        Int(1);
        Int(0);
        bytes.Add(0);
        Str("web");
        Assert.That(table.ComputeContentHash(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()))));
    }

    [Test]
    public void Compact_columns_of_no_rows_build_empty()
    {
        var table = new Table(Leads, [
            Column.FromEntityIds(Id, "lead", Array.Empty<int>()),
            Column.FromEntityIds(NullableId, "rep", Array.Empty<long>()),
            Column.FromCodes(Channel, Channels, Array.Empty<int>()),
        ]);
        Assert.That(table.RowCount, Is.Zero);
        Assert.That(table["lead_id"].Length, Is.Zero);
        Assert.That(table.ComputeContentHash(), Is.EqualTo(new Table(Leads, Leads.Columns.Select(c => (Column)Column.FromStrings(c, [])).ToArray()).ComputeContentHash()));
    }
}
