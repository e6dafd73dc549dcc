using LeadForge.Tables;
using LeadForge.Validation.Checks;

namespace LeadForge.Tests.Validation.Checks;

/// <summary>The checks' type-generic column reads: numbers, keys, hashes and labels.</summary>
public sealed class ColumnDataTests
{
    private static Column Of<T>(ColumnType type, T[] values, bool[]? nulls = null)
        where T : struct => Column.FromValues(new ColumnSchema("c", type, nulls is not null, "c"), values, nulls);

    [Test]
    public void Every_numeric_type_reads_as_doubles_with_nulls_as_nan()
    {
        bool[] nulls = [false, true, false];
        var day = new DateOnly(2025, 1, 2);
        var time = new DateTime(2025, 1, 2, 12, 0, 0, DateTimeKind.Utc);
        Assert.Multiple(() =>
        {
            Assert.That(ColumnData.Numeric(Of(ColumnType.Int32, [3, 0, -4], nulls)), Is.EqualTo(new[] { 3.0, double.NaN, -4 }));
            Assert.That(ColumnData.Numeric(Of(ColumnType.Int64, [5_000_000_000L, 0, 7], nulls)), Is.EqualTo(new[] { 5e9, double.NaN, 7 }));
            Assert.That(ColumnData.Numeric(Of(ColumnType.Double, [0.25, 1, -2.5], nulls)), Is.EqualTo(new[] { 0.25, double.NaN, -2.5 }));
            Assert.That(ColumnData.Numeric(Of(ColumnType.Boolean, [true, true, false], nulls)), Is.EqualTo(new[] { 1.0, double.NaN, 0 }));
            Assert.That(ColumnData.Numeric(Of(ColumnType.Date, [day, day, day.AddDays(3)], nulls)), Is.EqualTo(new[] { day.DayNumber, double.NaN, day.DayNumber + 3.0 }));
            Assert.That(ColumnData.Numeric(Of(ColumnType.Timestamp, [time, time, time], nulls))[0], Is.EqualTo(time.Ticks / (double)TimeSpan.TicksPerDay));
            Assert.That(() => ColumnData.Numeric(CheckKit.Strings("s", "a")), Throws.InvalidOperationException.With.Message.EqualTo("Column 's' (String) is not numeric."));
        });
    }

    [Test]
    public void Keys_are_invariant_text_and_null_for_null_cells()
    {
        var time = new DateTime(2025, 1, 2, 12, 30, 0, DateTimeKind.Utc);
        Assert.Multiple(() =>
        {
            Assert.That(ColumnData.Keys(Of(ColumnType.Boolean, [true, false, true], [false, false, true])), Is.EqualTo(new[] { "true", "false", null }));
            Assert.That(ColumnData.Keys(Of(ColumnType.Double, [1.5, -0.25])), Is.EqualTo(new[] { "1.5", "-0.25" }));
            Assert.That(ColumnData.Keys(Of(ColumnType.Timestamp, [time])), Is.EqualTo(new[] { "2025-01-02T12:30:00.0000000Z" }));
            Assert.That(ColumnData.Keys(CheckKit.Strings("s", "x", null)), Is.EqualTo(new[] { "x", null }));
        });
    }

    [Test]
    public void Hashes_are_fixed_uniform_in_the_unit_interval_and_null_hashes_as_empty()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => $"K-{i}").ToArray();
        var hashes = ColumnData.Hash(CheckKit.Strings("k", keys));
        Assert.Multiple(() =>
        {
            Assert.That(hashes, Has.All.InRange(0.0, 0.9999999999));
            Assert.That(hashes.Average(), Is.EqualTo(0.5).Within(0.01));
            Assert.That(hashes.Count(h => h < 0.25), Is.EqualTo(5_000).Within(250));
            Assert.That(hashes.Distinct().Count(), Is.EqualTo(keys.Length));
            Assert.That(ColumnData.Hash(CheckKit.Strings("k", "K-0"))[0], Is.EqualTo(hashes[0]), "a key's hash does not depend on its neighbours");
            Assert.That(ColumnData.Hash([null])[0], Is.EqualTo(ColumnData.Hash([string.Empty])[0]));
            // Golden value: a changed hash would silently change every id-only probe.
            Assert.That(ColumnData.Hash(["lead-000001"])[0], Is.EqualTo(GoldenLeadHash).Within(1e-15));
        });
    }

    private const double GoldenLeadHash = 0.56969330609355084;

    [Test]
    public void Labels_need_a_present_boolean_column_without_nulls()
    {
        var table = CheckKit.Table("t",
        [
            CheckKit.Strings("id", "a", "b"),
            BundleEdits.Bools("flag", [true, false]),
            Column.FromValues(new ColumnSchema("maybe", ColumnType.Boolean, true, "m"), [true, false], [false, true]),
            CheckKit.Ints("count", 1, 0),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(ColumnData.Labels(table, "flag"), Is.EqualTo(new[] { true, false }));
            Assert.That(ColumnData.Labels(table, "maybe"), Is.Null);
            Assert.That(ColumnData.Labels(table, "count"), Is.Null);
            Assert.That(ColumnData.Labels(table, "absent"), Is.Null);
        });
    }
}
