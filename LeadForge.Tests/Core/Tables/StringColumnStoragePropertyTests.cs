using CsCheck;
using LeadForge.Tables;

namespace LeadForge.Tests.Core.Tables;

/// <summary>
/// Property tests of string-column storage (issue 18 point 7: the compact-storage paths of
/// <see cref="StringColumn"/> had many surviving mutants): for random parts of every storage (int and
/// long entity ids under one or two prefixes, byte and int dictionary codes, plain strings, nulls, empty
/// parts), concatenation, gathering and re-schematising keep every value, keep compact storage exactly
/// when every non-empty part shares it, choose the narrowest width that fits, and hash like plain strings.
/// </summary>
public sealed class StringColumnStoragePropertyTests
{
    private const ulong Seed = 20261204;

    private static readonly ColumnSchema Plain = new("value", ColumnType.String, true, "A value.");
    private static readonly ColumnSchema Coded = Plain with { DictionaryEncoded = true };
    private static readonly TableSchema PlainTable = new("t", "T.", [Plain]);

    private enum Storage
    {
        IntIds,
        LongIds,
        OtherPrefixIds,
        ByteCodes,
        IntCodes,
        Strings,
    }

    private sealed record Part(Storage Storage, StringColumn Column)
    {
        public override string ToString() => $"{Storage}×{Column.Length}";
    }

    /// <summary>A part of one of the storages a column under <paramref name="schema"/> can have: ids or plain strings under a plain schema, codes under a dictionary schema.</summary>
    private static Gen<Part> PartGen(ColumnSchema schema)
    {
        Storage[] storages = schema.DictionaryEncoded
            ? [Storage.ByteCodes, Storage.IntCodes, Storage.Strings]
            : [Storage.IntIds, Storage.LongIds, Storage.OtherPrefixIds, Storage.Strings];
        return Gen.Select(Gen.Int[0, storages.Length - 1], Gen.Int[0, 40], Gen.Int[0, 1_000_000], (k, rows, seed) => new Part(storages[k], Build(schema, storages[k], rows, new Random(seed))));
    }

    private static StringColumn Build(ColumnSchema schema, Storage storage, int rows, Random random)
    {
        bool IsNull() => random.Next(5) == 0;
        switch (storage)
        {
            case Storage.IntIds:
            case Storage.OtherPrefixIds:
                return Column.FromEntityIds(schema, storage == Storage.IntIds ? "lead" : "acct", Enumerable.Range(0, rows).Select(_ => IsNull() ? 0 : random.Next(1, 5000)).ToArray());
            case Storage.LongIds:
                return Column.FromEntityIds(schema, "lead", Enumerable.Range(0, rows).Select(_ => IsNull() ? 0L : int.MaxValue + (long)random.Next(1, 5000)).ToArray());
            case Storage.ByteCodes:
            {
                var size = random.Next(1, 8);
                var offset = random.Next(0, 400);
                var dictionary = Enumerable.Range(offset, size).Select(k => $"v{k}").ToArray();
                return Column.FromCodes(schema, dictionary, Enumerable.Range(0, rows).Select(_ => IsNull() ? -1 : random.Next(size)).ToArray());
            }

            case Storage.IntCodes:
            {
                // Every one of more than 255 values is used (unused ones are dropped), then some nulls.
                var size = random.Next(256, 300);
                var offset = random.Next(0, 400);
                var dictionary = Enumerable.Range(offset, size).Select(k => $"v{k}").ToArray();
                return Column.FromCodes(schema, dictionary, Enumerable.Range(0, size + rows).Select(r => r < size ? r : IsNull() ? -1 : random.Next(size)).ToArray());
            }

            default:
                return Column.FromStrings(schema, Enumerable.Range(0, rows).Select(_ => IsNull() ? null : $"s{random.Next(100)}").ToArray());
        }
    }

    [Test]
    public void Concatenation_keeps_every_value_and_compact_storage_exactly_when_the_parts_share_it()
    {
        var reached = new HashSet<string>();
        ForAll(Gen.Bool.SelectMany(coded => PartGen(coded ? Coded : Plain).Array[0, 5].Select(parts => (coded ? Coded : Plain, parts))), stream: 1, c =>
            {
                var (schema, parts) = c;
                var joined = Column.Concat(schema, parts.Select(p => (Column)p.Column).ToArray()).AsString();
                reached.Add($"{(joined.IsDictionaryEncoded ? "codes" : joined.IsEntityIdEncoded ? "ids" : "strings")}/{joined.StorageWidth}");
                var expected = parts.SelectMany(p => p.Column.ToArray()).ToArray();
                Assert.That(joined.ToArray(), Is.EqualTo(expected));
                Assert.That(joined.NullCount, Is.EqualTo(expected.Count(v => v is null)));

                var filled = parts.Where(p => p.Column.Length > 0).ToArray();
                var allIds = filled.Length > 0 && (filled.All(p => p.Storage is Storage.IntIds or Storage.LongIds) || filled.All(p => p.Storage == Storage.OtherPrefixIds));
                Assert.That(joined.IsEntityIdEncoded, Is.EqualTo(allIds), "ids stay ids when every part has ids of one prefix");
                Assert.That(joined.IsDictionaryEncoded, Is.EqualTo(schema.DictionaryEncoded), "a dictionary column stays coded, a plain one never is");
                if (allIds)
                {
                    Assert.That(joined.StorageWidth, Is.EqualTo(filled.Any(p => p.Column.StorageWidth == 8) ? 8 : 4), "8 bytes only when a part needs them");
                }

                if (joined.IsDictionaryEncoded)
                {
                    var merged = filled.SelectMany(p => p.Column.Dictionary).Distinct().Count();
                    Assert.That(joined.StorageWidth, Is.EqualTo(merged <= StringColumn.MaxByteCodeDictionary ? 1 : 4), $"{merged} merged values");
                    Assert.That(joined.Dictionary, Is.Unique);
                }

                var table = new TableSchema("t", "T.", [schema]);
                Assert.That(
                    Table.Concat(table, parts.Select(p => new Table(table, [p.Column])).ToArray()).ComputeContentHash(),
                    Is.EqualTo(new Table(PlainTable, [Column.FromStrings(Plain, expected)]).ComputeContentHash()),
                    "the content hash does not depend on storage");
            });
        Assert.That(reached, Is.SupersetOf(new[] { "codes/1", "codes/4", "ids/4", "ids/8", "strings/0" }), "the cases reach every storage");
    }

    [Test]
    public void Gathering_rows_keeps_their_values_and_the_storage_kind()
    {
        ForAll(Gen.Select(Gen.Bool.SelectMany(coded => PartGen(coded ? Coded : Plain)), Gen.Int[0, 1_000_000]), stream: 2, c =>
            {
                var (part, seed) = c;
                var column = part.Column;
                var random = new Random(seed);
                var rows = Enumerable.Range(0, random.Next(0, 30)).Select(_ => column.Length == 0 ? 0 : random.Next(column.Length)).Where(_ => column.Length > 0).ToArray();

                var taken = column.Take(rows).AsString();

                Assert.That(taken.ToArray(), Is.EqualTo(rows.Select(r => column[r]).ToArray()));
                Assert.That(taken.IsEntityIdEncoded, Is.EqualTo(column.IsEntityIdEncoded));
                Assert.That(taken.IsDictionaryEncoded, Is.EqualTo(column.IsDictionaryEncoded));
                Assert.That(taken.StorageWidth, Is.LessThanOrEqualTo(column.StorageWidth), "a gather never widens");
            });
    }

    [Test]
    public void A_new_schema_keeps_every_value_and_codes_exactly_when_it_asks_for_them()
    {
        ForAll(Gen.Select(PartGen(Plain), Gen.Bool), stream: 3, c =>
            {
                var (part, coded) = c;
                var schema = coded ? Coded : Plain;

                var moved = part.Column.WithSchema(schema).AsString();

                Assert.That(moved.Schema, Is.SameAs(schema));
                Assert.That(moved.ToArray(), Is.EqualTo(part.Column.ToArray()));
                Assert.That(moved.IsDictionaryEncoded, Is.EqualTo(coded), "a dictionary schema stores codes, a plain one strings or ids");
                if (!coded)
                {
                    Assert.That((moved.IsEntityIdEncoded, moved.StorageWidth), Is.EqualTo((part.Column.IsEntityIdEncoded, part.Column.StorageWidth)), "same storage under an equivalent schema");
                }
            });
    }

    /// <summary>Runs <paramref name="property"/> on 400 cases drawn from a fixed PCG seed (reproducible in CI), naming the failing case.</summary>
    private static void ForAll<T>(Gen<T> gen, uint stream, Action<T> property)
    {
        var pcg = new PCG(stream, Seed);
        for (var i = 0; i < 400; i++)
        {
            var value = gen.Generate(pcg, null, out Size _);
            try
            {
                property(value);
            }
            catch (Exception ex) when (ex is AssertionException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
            {
                var shown = value is System.Collections.IEnumerable items ? string.Join(", ", items.Cast<object>()) : value?.ToString();
                throw new AssertionException($"case {i} (stream {stream}, seed {Seed}): [{shown}]\n{ex.Message}", ex);
            }
        }
    }
}
