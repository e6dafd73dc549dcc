using LeadForge.Tables;
using LeadForge.Tests.Validation.Checks;
using LeadForge.Validation.Baselines;

namespace LeadForge.Tests.Validation.Baselines;

/// <summary>The baselines' feature encoding, fitted on a hand-made train table and applied to another, with every value worked out by hand.</summary>
public sealed class FeatureEncoderTests
{
    private static Table Train() => CheckKit.Table("t",
    [
        CheckKit.Strings("kind", "b", "a", "b", null, "c"),
        CheckKit.Doubles("x", 1, 2, null, 3, 4),
        CheckKit.Ints("k", 5, 5, 5, 5, 5),
        CheckKit.Doubles("s", 7, null, null, null, null),
        Column.FromValues(new ColumnSchema("flag", ColumnType.Boolean, false, "f"), [true, false, false, false, true]),
    ], primaryKey: null);

    private static Table Test() => CheckKit.Table("t",
    [
        CheckKit.Strings("kind", "a", "zzz", null, "b", "c"),
        CheckKit.Doubles("x", 2.5, null, 1, 4, 10),
        CheckKit.Ints("k", 5, 6, 5, 5, 5),
        CheckKit.Doubles("s", 7, 8, null, 7, 7),
        Column.FromValues(new ColumnSchema("flag", ColumnType.Boolean, false, "f"), [true, true, false, false, false]),
    ], primaryKey: null);

    [Test]
    public void Train_statistics_standardise_impute_and_one_hot_the_test_rows()
    {
        var encoder = FeatureEncoder.Fit(Train(), ["kind", "x", "k", "s", "flag"]);
        // kind: b (2 rows), then null, a, c (1 row each; the null key sorts first) → 4 slots.
        // x: mean 2.5, sd √(5/3), nulls in train → value + indicator. k: constant → sd 1, no indicator.
        // s: one value → mean 7, sd 1, indicator. flag: mean 0.4, sd √0.3, no indicator.
        Assert.That(encoder.Dimension, Is.EqualTo(4 + 2 + 1 + 2 + 1));
        var sdX = Math.Sqrt(5.0 / 3);
        var sdFlag = Math.Sqrt(0.3);
        float Z(double v, double mean, double sd) => (float)((v - mean) / sd);
        float[][] expected =
        [
            [0, 0, 1, 0, Z(2.5, 2.5, sdX), 0, 0, 0, 0, Z(1, 0.4, sdFlag)],
            [0, 0, 0, 0, 0, 1, 1, Z(8, 7, 1), 0, Z(1, 0.4, sdFlag)],
            [0, 1, 0, 0, Z(1, 2.5, sdX), 0, 0, 0, 1, Z(0, 0.4, sdFlag)],
            [1, 0, 0, 0, Z(4, 2.5, sdX), 0, 0, 0, 0, Z(0, 0.4, sdFlag)],
            [0, 0, 0, 1, Z(10, 2.5, sdX), 0, 0, 0, 0, Z(0, 0.4, sdFlag)],
        ];
        var rows = encoder.Transform(Test());
        Assert.That(rows, Has.Length.EqualTo(5));
        for (var r = 0; r < rows.Length; r++)
        {
            Assert.That(rows[r], Is.EqualTo(expected[r]).Within(1e-6f), $"row {r}");
        }
    }

    [Test]
    public void A_string_column_keeps_its_64_most_frequent_train_values()
    {
        var values = new[] { "common", "common", "common" }.Concat(Enumerable.Range(0, 65).Select(i => $"v{i:D2}")).ToArray();
        var train = CheckKit.Table("t", [CheckKit.Strings("kind", values)], primaryKey: null);
        var encoder = FeatureEncoder.Fit(train, ["kind"]);
        Assert.That(encoder.Dimension, Is.EqualTo(64));
        var rows = encoder.Transform(CheckKit.Table("t", [CheckKit.Strings("kind", "common", "v00", "v62", "v63", "v64")], primaryKey: null));
        Assert.Multiple(() =>
        {
            Assert.That(Array.IndexOf(rows[0], 1f), Is.EqualTo(0), "the most frequent value takes the first slot");
            Assert.That(Array.IndexOf(rows[1], 1f), Is.EqualTo(1), "ties in ordinal order");
            Assert.That(Array.IndexOf(rows[2], 1f), Is.EqualTo(63));
            Assert.That(rows[3], Has.All.EqualTo(0f), "beyond 64 levels a value encodes as zeros");
            Assert.That(rows[4], Has.All.EqualTo(0f));
        });
    }
}
