using LeadForge.Features;
using LeadForge.Randomness;
using LeadForge.Tables;

namespace LeadForge.Tests.Core.Features;

[TestFixture]
public sealed class FeatureTableTests
{
    private static readonly DistortionRates None = new(0, 0, 0);

    [Test]
    public void The_dictionary_follows_the_declarations_with_null_shares_over_all_splits()
    {
        var a = Filled(rows: 3);
        var b = Filled(rows: 1);
        a.Logins.SetNull(0);
        var dictionary = a.Dictionary([a.Build(), b.Build()]);
        Assert.Multiple(() =>
        {
            Assert.That(dictionary.Select(f => f.Name), Is.EqualTo(new[] { "customer_id", "plan", "logins", "spend", "churned" }));
            Assert.That(dictionary.Select(f => f.Type), Is.EqualTo(new[] { ColumnType.String, ColumnType.String, ColumnType.Int32, ColumnType.Double, ColumnType.Boolean }));
            Assert.That(dictionary[2].Category, Is.EqualTo("usage"));
            Assert.That(dictionary[2].SourceTable, Is.EqualTo("logins"));
            Assert.That(dictionary[2].Window, Is.EqualTo("[start, anchor)"));
            Assert.That(dictionary[2].Description, Is.EqualTo("Logins before the anchor."));
            Assert.That(dictionary[2].NullShare, Is.EqualTo(0.25), "one null of four rows");
            Assert.That(dictionary[4].IsTarget, Is.True);
            Assert.That(dictionary[3].LeakageRisk, Is.True);
            Assert.That(dictionary.Count(f => f.IsTarget), Is.EqualTo(1));
            Assert.That(dictionary[0].Modes, Is.EqualTo(new[] { ExposureMode.StudentPublic, ExposureMode.ResearchInstructor }));
            Assert.That(a.Features.Where(f => f.Distortion is not null).Select(f => f.Name), Is.EqualTo(new[] { "logins", "spend" }));
        });
    }

    [Test]
    public void Without_rates_the_distortion_only_clamps_and_rounds()
    {
        var t = Filled(rows: 2);
        t.Logins.Set(0, -3);
        t.Spend.Set(0, 250.123456);
        t.Spend.SetNull(1);
        for (var r = 0; r < 2; r++)
        {
            t.Distort(RandomSource.FromSeed(1).Stream(r), r, None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(t.Logins[0], Is.Zero, "clamped to the non-negative range");
            Assert.That(t.Logins[1], Is.EqualTo(5));
            Assert.That(t.Spend[0], Is.EqualTo(100), "clamped to [0, 100]");
            Assert.That(t.Spend.IsNull(1), Is.True, "a null cell stays null");
        });
    }

    [Test]
    public void Every_distorted_cell_draws_four_numbers_and_misses_at_the_rate()
    {
        const int rows = 4000;
        var t = Constant(rows, spend: 50);

        var rates = new DistortionRates(NoiseScale: 1, MissingRate: 0.25, OutlierRate: 0.1);
        for (var r = 0; r < rows; r++)
        {
            var rng = RandomSource.FromSeed(2).Stream(r);
            t.Distort(rng, r, rates);

            // Two columns, four draws each (a Gaussian takes two): the stream moved by ten numbers.
            var replay = RandomSource.FromSeed(2).Stream(r);
            for (var k = 0; k < 10; k++)
            {
                replay.NextUInt64();
            }

            Assert.That(rng.NextUInt64(), Is.EqualTo(replay.NextUInt64()), $"row {r}");
        }

        var missingLogins = Enumerable.Range(0, rows).Count(t.Logins.IsNull) / (double)rows;
        var spend = Enumerable.Range(0, rows).Where(r => !t.Spend.IsNull(r)).Select(r => t.Spend[r]).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(missingLogins, Is.EqualTo(0.25).Within(0.03));
            Assert.That(Enumerable.Range(0, rows).Where(r => !t.Logins.IsNull(r)).Select(r => t.Logins[r]), Is.All.EqualTo(5), "counts keep their value");
            Assert.That(spend, Is.All.InRange(0.0, 100.0));
            Assert.That(spend.Distinct().Count(), Is.GreaterThan(100), "doubles are noisy");
            Assert.That(spend.All(x => Math.Round(x, 4) == x), Is.True, "four decimals");
        });
    }

    [Test]
    public void A_double_cell_gets_scaled_noise_or_an_outlier_from_the_rows_own_draws()
    {
        const int rows = 3000;
        var t = Constant(rows, spend: 40);

        var rates = new DistortionRates(NoiseScale: 0.5, MissingRate: 0.2, OutlierRate: 0.1);
        int outliers = 0, missing = 0;
        var noise = new List<double>();
        for (var r = 0; r < rows; r++)
        {
            t.Distort(RandomSource.FromSeed(3).Stream(r), r, rates);

            // The specification, replayed from the same stream: the integer column's four draws come first.
            var replay = RandomSource.FromSeed(3).Stream(r);
            for (var k = 0; k < 5; k++)
            {
                replay.NextUInt64();
            }

            var gaussian = replay.NextGaussian();
            var isMissing = replay.NextDouble() < 0.2;
            var isOutlier = replay.NextDouble() < 0.1;
            var sign = replay.NextBool(0.5) ? 1 : -1;
            var expected = Math.Round(Math.Clamp(isOutlier ? 50 + (sign * 5 * 10) : 40 + (0.5 * 10 * gaussian), 0, 100), 4);
            if (isMissing)
            {
                missing++;
                Assert.That(t.Spend.IsNull(r), Is.True, $"row {r} missing");
                continue;
            }

            Assert.That(t.Spend[r], Is.EqualTo(expected), $"row {r}");
            if (isOutlier)
            {
                outliers++;
            }
            else
            {
                noise.Add(t.Spend[r] - 40);
            }
        }

        var sd = Math.Sqrt(noise.Sum(x => x * x) / noise.Count);
        Assert.Multiple(() =>
        {
            Assert.That(missing / (double)rows, Is.EqualTo(0.2).Within(0.025));
            Assert.That(outliers / (double)(rows - missing), Is.EqualTo(0.1).Within(0.02));
            Assert.That(
                Enumerable.Range(0, rows).Where(r => !t.Spend.IsNull(r)).Count(r => t.Spend[r] is 0 or 100),
                Is.EqualTo(outliers),
                "an outlier is median ± 5 sd, here clamped to the range ends");
            Assert.That(noise.Average(), Is.EqualTo(0).Within(0.3), "the noise is centred on the value");
            Assert.That(sd, Is.EqualTo(5).Within(0.3), "noise sd = noise scale × sd = 0.5 × 10");
        });
    }

    [Test]
    public void Misdeclared_features_are_a_clear_error()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new NotNullable(), Throws.ArgumentException.With.Message.Contains("must be nullable"));
            Assert.That(() => new Twice(), Throws.ArgumentException.With.Message.Contains("declared as a feature twice"));
            var t = new Undescribed();
            t.Allocate(0);
            Assert.That(() => t.Dictionary([t.Build()]), Throws.InvalidOperationException.With.Message.Contains("x have no feature metadata"));
        });
    }

    /// <summary>A table whose every row has 5 logins and the given spend, before distortion.</summary>
    private static Churn Constant(int rows, double spend)
    {
        var t = new Churn(rows);
        t.Allocate(rows);
        for (var r = 0; r < rows; r++)
        {
            t.Logins.Set(r, 5);
            t.Spend.Set(r, spend);
        }

        return t;
    }

    private static Churn Filled(int rows)
    {
        var t = new Churn(rows);
        t.Allocate(rows);
        for (var r = 0; r < rows; r++)
        {
            t.CustomerId.Set(r, r + 1);
            t.Plan.Set(r, r % 2);
            t.Logins.Set(r, 5);
            t.Spend.Set(r, 10.5);
            t.Churned.Set(r, r == 0);
        }

        return t;
    }

    private sealed class Churn : FeatureTable
    {
        public Churn(int customers)
            : base("churn", "One row per customer.")
        {
            CustomerId = Feature(Key("customer_id", "Customer id.", "cus", Math.Max(1, customers)), new FeatureMetadata("id", "customers", "static"));
            Plan = Feature(Code("plan", "Plan.", Categories.Of(["free", "pro"])), new FeatureMetadata("account", "customers", "static"));
            Logins = Feature(Value<int>("logins", "Logins before the anchor.", nullable: true), new FeatureMetadata("usage", "logins", "[start, anchor)"), Distortion.NonNegative);
            Spend = Feature(Value<double>("spend", "Spend.", nullable: true), new FeatureMetadata("usage", "invoices", "[start, end)", LeakageRisk: true), new Distortion(0, 100, Median: 50, Sd: 10));
            Churned = Feature(Value<bool>("churned", "Label."), new FeatureMetadata("target", "customers", "[anchor, anchor + 90d)", IsTarget: true));
        }

        public IdSlot CustomerId { get; }

        public CodeSlot Plan { get; }

        public ValueSlot<int> Logins { get; }

        public ValueSlot<double> Spend { get; }

        public ValueSlot<bool> Churned { get; }
    }

    private sealed class NotNullable : FeatureTable
    {
        public NotNullable()
            : base("t", "T.") => Feature(Value<int>("x", "X."), new FeatureMetadata("c", "s", "w"), Distortion.NonNegative);
    }

    private sealed class Twice : FeatureTable
    {
        public Twice()
            : base("t", "T.")
        {
            var x = Feature(Value<int>("x", "X."), new FeatureMetadata("c", "s", "w"));
            Feature(x, new FeatureMetadata("c", "s", "w"));
        }
    }

    private sealed class Undescribed : FeatureTable
    {
        public Undescribed()
            : base("t", "T.") => Value<int>("x", "X.");
    }
}
