using LeadForge.Tables;
using LeadForge.Validation;
using LeadForge.Validation.Checks;

namespace LeadForge.Tests.Validation.Checks;

/// <summary>
/// The relational probe's per-entity aggregates, computed on hand-made tables with known answers, and its
/// report on a public bundle with many leaking, trapped and noise-level aggregates.
/// </summary>
public sealed class RelationalLeakageCheckTests
{
    private static readonly DateTime T = new(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Child_rows_are_counted_summed_maxed_and_tallied_per_entity()
    {
        var events = CheckKit.Table("events",
        [
            CheckKit.Strings("event_id", "E1", "E2", "E3", "E4", "E5", "E6"),
            CheckKit.Strings("lead_id", "L1", "L1", "L2", "L2", "L9", "L3"),
            CheckKit.Doubles("amount", 5.0, 2.0, null, -1.0, 4.0, 7.0),
            CheckKit.Ints("n", 1, 2, 3, 4, 5, 6),
            CheckKit.Times("at", T, null, T, T, null, T),
            CheckKit.Strings("kind", "a", "b", "a", null, "a", "b"),
        ]);
        int[] map = [0, 0, 1, 1, -1, 2];
        var context = CheckKit.Context(BundleEdits.Tiny(ExposureMode.StudentPublic));

        var features = RelationalLeakageCheck.Aggregate(context, events, map, entities: 4).ToDictionary(f => f.Name, f => f.Values);

        Assert.Multiple(() =>
        {
            Assert.That(features.Keys, Is.EqualTo(new[]
            {
                "events.row_count", "events.amount:sum", "events.amount:max", "events.n:sum", "events.n:max", "events.at:count",
                "events.kind=a", "events.kind=b", "events.kind=null",
            }), "ids and the primary key are not aggregated; values in descending frequency");
            Assert.That(features["events.row_count"], Is.EqualTo(new[] { 2.0, 2, 1, 0 }));
            Assert.That(features["events.amount:sum"], Is.EqualTo(new[] { 7.0, -1, 7, 0 }), "a null amount adds nothing");
            Assert.That(features["events.amount:max"], Is.EqualTo(new[] { 5.0, -1, 7, double.NaN }), "the largest, not the last; NaN without rows");
            Assert.That(features["events.n:sum"], Is.EqualTo(new[] { 3.0, 7, 6, 0 }));
            Assert.That(features["events.n:max"], Is.EqualTo(new[] { 2.0, 4, 6, double.NaN }));
            Assert.That(features["events.at:count"], Is.EqualTo(new[] { 1.0, 2, 1, 0 }), "non-null times of mapped rows");
            Assert.That(features["events.kind=a"], Is.EqualTo(new[] { 1.0, 1, 0, 0 }), "the unmapped row's 'a' is not counted");
            Assert.That(features["events.kind=b"], Is.EqualTo(new[] { 1.0, 0, 1, 0 }));
            Assert.That(features["events.kind=null"], Is.EqualTo(new[] { 0.0, 1, 0, 0 }));
        });
    }

    [Test]
    public void Categorical_tallies_keep_only_the_most_frequent_values()
    {
        var events = CheckKit.Table("events",
        [
            CheckKit.Strings("event_id", "E1", "E2", "E3", "E4"),
            CheckKit.Strings("kind", "z", "b", "b", "a"),
        ]);
        var context = CheckKit.Context(BundleEdits.Tiny(ExposureMode.StudentPublic), new ValidationOptions { RunBaselines = false, RelationalMaxValuesPerColumn = 2 });
        var names = RelationalLeakageCheck.Aggregate(context, events, [0, 0, 1, 1], entities: 2).Select(f => f.Name);
        Assert.That(names, Is.EqualTo(new[] { "events.row_count", "events.kind=b", "events.kind=a" }), "most frequent first, ties in ordinal order, at most two");
    }

    [Test]
    public void Parent_values_are_looked_up_for_each_entity()
    {
        var segments = CheckKit.Table("segments",
        [
            CheckKit.Strings("segment_id", "S1", "S2", "S3"),
            CheckKit.Strings("owner_id", "O1", "O2", "O3"),
            CheckKit.Strings("tier", "gold", "silver", "gold"),
            CheckKit.Doubles("weight", 1.5, 2.5, null),
        ]);
        var fk = new ForeignKey("segment_id", "segments", "segment_id");
        var primary = CheckKit.Table("accounts_p",
        [
            CheckKit.Strings("lead_id", "L1", "L2", "L3", "L4", "L5"),
            CheckKit.Strings("segment_id", "S2", "S1", null, "S3", "S3"),
        ], "lead_id", fk);
        int[] primaryMap = [0, 1, 2, -1, 3];
        var context = CheckKit.Context(BundleEdits.Tiny(ExposureMode.StudentPublic));

        var features = RelationalLeakageCheck.Lookup(context, segments, primary, fk, primaryMap, entities: 5).ToDictionary(f => f.Name, f => f.Values);

        Assert.Multiple(() =>
        {
            Assert.That(features.Keys, Is.EqualTo(new[] { "segments.tier=gold", "segments.tier=silver", "segments.weight" }));
            Assert.That(features["segments.tier=gold"], Is.EqualTo(new[] { 0.0, 1, 0, 1, 0 }), "no parent (null key, unmapped row, no row) is not a match");
            Assert.That(features["segments.tier=silver"], Is.EqualTo(new[] { 1.0, 0, 0, 0, 0 }));
            Assert.That(features["segments.weight"], Is.EqualTo(new[] { 2.5, 1.5, double.NaN, double.NaN, double.NaN }));
        });
    }

    /// <summary>
    /// A public tiny bundle with a child table <c>signals</c> (one row per lead) whose columns s1…s6 copy
    /// the label except on every (10k+10)-th lead, where they invert it: s6 leaks the most, s1 the least.
    /// </summary>
    private static WorldBundle WithSignals()
    {
        var bundle = BundleEdits.Tiny(ExposureMode.StudentPublic);
        var leads = bundle.Tables["leads"];
        var labels = BundleEdits.LabelsOf(leads, bundle.Tasks["tiny_conversion"]);
        var ids = leads["lead_id"].AsString().ToArray();
        var columns = new List<Column>
        {
            CheckKit.Strings("signal_id", [.. ids.Select((_, r) => $"S-{r:D5}")]),
            CheckKit.Strings("lead_id", ids),
        };
        for (var k = 1; k <= 6; k++)
        {
            var every = (10 * k) + 10;
            columns.Add(CheckKit.Doubles($"s{k}", [.. labels.Select((l, r) => (double?)((l ^ (r % every == 0)) ? 1 : 0))]));
        }

        return bundle.WithTable(CheckKit.Table("signals", columns, "signal_id", new ForeignKey("lead_id", "leads", "lead_id")));
    }

    [Test]
    public void Many_leaking_aggregates_are_listed_strongest_first_and_the_rest_counted()
    {
        var report = new BundleValidator(new ValidationOptions { RunBaselines = false }).Validate(WithSignals());
        var check = report.Find("leakage.relational.tiny_conversion.signals")!;
        Assert.Multiple(() =>
        {
            Assert.That(check.Passed, Is.False);
            Assert.That(check.Message,
                Does.StartWith("signals leaks the label 'converted' when aggregated per entity and joined via signals.lead_id → leads.lead_id = task.lead_id: signals.s6:sum AUC "));
            Assert.That(check.Message, Does.Contain("signals.s2:max AUC").And.EndWith(" and 2 more."), "12 offenders: s6…s2 listed, s1's two counted");
            Assert.That(check.Message, Does.Not.Contain("signals.s1:").And.Not.Contain("row_count"));
            Assert.That(check.Measured, Is.GreaterThan(0.98).And.LessThan(1.0));
            Assert.That(check.ExpectedBand, Is.EqualTo("≤ 0.8"));
            Assert.That(report.Find("leakage.relational.tiny_conversion.leads")!.Passed, Is.True);
        });
    }

    [Test]
    public void Traps_and_noise_are_noted_on_a_passing_check_and_excluded_from_its_measure()
    {
        var bundle = WithSignals();
        var strict = new ValidationOptions { RunBaselines = false, LeakageSignificance = 0, DocumentedTraps = ["signals.s6"] };
        var check = new BundleValidator(strict).Validate(bundle).Find("leakage.relational.tiny_conversion.signals")!;
        var s5 = new BundleValidator(new ValidationOptions { RunBaselines = false, DocumentedTraps = ["s6"] }).Validate(bundle).Find("leakage.relational.tiny_conversion.signals")!;
        Assert.Multiple(() =>
        {
            Assert.That(check.Passed, Is.True, "nothing is significant at level 0");
            Assert.That(check.Message,
                Does.StartWith("signals joined to task tiny_conversion via signals.lead_id → leads.lead_id = task.lead_id: 13 per-entity aggregates, the highest single-column AUC is "));
            Assert.That(check.Message, Does.Contain(" (signals.s5:sum). Documented traps above the threshold: signals.s6:sum (").And.Contain("), signals.s6:max ("));
            Assert.That(check.Message,
                Does.Contain(". Above the threshold by sampling noise only: signals.s1:sum (").And.Contain(", p = < 0.001), signals.s1:max (").And.Contain("signals.s5:max (")
                    .And.EndWith(").").And.Not.Contain("row_count ("));
            Assert.That(check.Measured, Is.EqualTo(s5.Measured), "the trap is not the measure; the best non-trap is s5 in both runs");
            Assert.That(s5.Passed, Is.False, "a trap named by column alone is recognised; s5 still leaks");
            Assert.That(s5.Message, Does.Contain("signals.s5:sum AUC").And.Not.Contain("signals.s6:sum AUC").And.Contain("Documented traps above the threshold: signals.s6:sum"));
        });
    }

    [Test]
    public void A_clean_table_names_its_strongest_aggregate()
    {
        var check = new BundleValidator(new ValidationOptions { RunBaselines = false }).Validate(BundleEdits.Tiny(ExposureMode.StudentPublic)).Find("leakage.relational.tiny_conversion.accounts")!;
        Assert.That(check.Passed, Is.True);
        Assert.That(check.Message,
            Does.Match(@"^accounts joined to task tiny_conversion via leads\.account_id → accounts\.account_id: \d+ per-entity aggregates,"
                + @" the highest single-column AUC is 0\.\d+ \(accounts\.[a-z_]+[=:]?[^)]*\)\.$"));
        Assert.That(check.Measured, Is.GreaterThan(0.5).And.LessThan(0.8));
    }

    [Test]
    public void Instructor_bundles_are_not_probed_relationally()
    {
        var results = CheckKit.Run(new RelationalLeakageCheck(), BundleEdits.Tiny(ExposureMode.ResearchInstructor));
        Assert.That(results, Is.Empty);
    }
}
