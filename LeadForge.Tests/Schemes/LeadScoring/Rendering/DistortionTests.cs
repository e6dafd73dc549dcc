using System.Globalization;
using LeadForge.Schemes.LeadScoring;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Rendering;

/// <summary>
/// Distortion acceptance per tier on 5,000-lead worlds: the realised MCAR missing share of the task's
/// missingness-eligible columns is within one percentage point of the tier's missing_rate, and
/// distorted counts, ACVs and day counts stay in their physical ranges.
/// </summary>
/// <remarks>
/// Missingness is only drawn for cells that have a value (a structurally null cell, e.g. the ACV of a
/// lead with no open opportunity, cannot go missing), and the eligible columns are the nullable numeric
/// features (ids, times, categoricals, the label and the documented trap are never distorted). The share
/// is therefore measured against a companion world that differs only by missing_rate = 0: same seed,
/// same world, same noise and outlier draws.
/// </remarks>
[TestFixture(Difficulty.Intro)]
[TestFixture(Difficulty.Intermediate)]
[TestFixture(Difficulty.Advanced)]
public class DistortionTests(Difficulty difficulty)
{
    private const int Leads = 5000;
    private const double Tolerance = 0.01;

    private WorldBundle _distorted = null!;
    private Table _rows = null!;
    private Table _undistorted = null!;
    private DifficultyProfile _profile = null!;
    private string[] _eligible = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        _distorted = LeadScoringWorlds.Builder(ExposureMode.StudentPublic, difficulty, Leads, seed: 5).Generate();
        var companion = LeadScoringWorlds.Builder(ExposureMode.StudentPublic, difficulty, Leads, seed: 5)
            .WithOverrideText(LeadScoringWorlds.NoMissingness(difficulty), "no-missingness.yaml").Generate();
        _rows = LeadScoringWorlds.AllRows(_distorted);
        _undistorted = LeadScoringWorlds.AllRows(companion);
        _profile = ((LeadScoringSettings)_distorted.Config.Recipe.World).DifficultyProfiles.For(difficulty);
        Assert.That(((LeadScoringSettings)companion.Config.Recipe.World).DifficultyProfiles.For(difficulty).MissingRate, Is.Zero);
        Assert.That(_undistorted["lead_id"].AsString().ToArray(), Is.EqualTo(_rows["lead_id"].AsString().ToArray()), "both worlds split the same leads the same way");

        // Missingness-eligible: nullable numeric features that are neither the target nor a documented leakage trap.
        var traps = _distorted.Tasks[LeadScoringWorlds.TaskId].Manifest.DocumentedTraps;
        _eligible = _distorted.FeatureDictionary
            .Where(f => f.Type is ColumnType.Int32 or ColumnType.Int64 or ColumnType.Double && !f.IsTarget && !f.LeakageRisk && !traps.Contains(f.Name))
            .Where(f => _rows.Schema.Columns.Single(c => c.Name == f.Name).Nullable)
            .Select(f => f.Name)
            .ToArray();
    }

    [Test]
    public void Realised_missing_share_of_the_eligible_columns_is_within_one_point_of_the_tier_missing_rate()
    {
        Assert.That(_eligible, Has.Length.GreaterThanOrEqualTo(15), "the count, engagement, day and ACV features are eligible");
        long cells = 0, missing = 0;
        var perColumn = new List<string>();
        foreach (var name in _eligible)
        {
            var distorted = _rows[name];
            var reference = _undistorted[name];
            long c = 0, m = 0;
            for (var r = 0; r < _rows.RowCount; r++)
            {
                if (reference.IsNull(r))
                {
                    Assert.That(distorted.IsNull(r), Is.True, $"{name} row {r}: a structurally null cell stays null");
                    continue;
                }

                c++;
                m += distorted.IsNull(r) ? 1 : 0;
            }

            // Each column on its own: within 4.5 binomial standard errors of the rate.
            var share = m / (double)c;
            var se = Math.Sqrt(_profile.MissingRate * (1 - _profile.MissingRate) / c);
            Assert.That(share, Is.EqualTo(_profile.MissingRate).Within((4.5 * se) + 1e-9), $"{name}: {m} of {c} cells missing");
            perColumn.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {share:0.0000}"));
            cells += c;
            missing += m;
        }

        var realised = missing / (double)cells;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{difficulty.ToWire()}: missing_rate {_profile.MissingRate}, realised {realised:0.00000} over {cells:N0} cells in {_eligible.Length} columns"));
        TestContext.Out.WriteLine(string.Join("; ", perColumn));
        Assert.That(realised, Is.EqualTo(_profile.MissingRate).Within(Tolerance));
    }

    [Test]
    public void Missingness_only_masks_cells_and_never_touches_ineligible_columns()
    {
        foreach (var column in _rows.Columns)
        {
            var reference = _undistorted[column.Name];
            if (!_eligible.Contains(column.Name))
            {
                Assert.That(column.NullCount, Is.EqualTo(reference.NullCount), $"{column.Name} is not eligible for missingness");
                continue;
            }

            for (var r = 0; r < _rows.RowCount; r++)
            {
                if (!column.IsNull(r))
                {
                    Assert.That(column.GetValue(r), Is.EqualTo(reference.GetValue(r)), $"{column.Name} row {r}: a kept cell has the value it has without missingness");
                }
            }
        }

        Assert.That(_rows.Columns.Sum(c => c.NullCount), Is.GreaterThan(_undistorted.Columns.Sum(c => c.NullCount)), "the tier does blank some cells");
    }

    [Test]
    public void Distorted_counts_acvs_and_day_counts_stay_in_their_physical_ranges()
    {
        var settings = (LeadScoringSettings)_distorted.Config.Recipe.World;
        var acv = settings.Narrative.Product.AcvRangeUsd;
        var snapshotDay = ((LeadForge.Schemes.LeadScoring.LeadScoringSettings)_distorted.Config.Recipe.World).Tasks.ConvertedWithin90Days.SnapshotDay;
        foreach (var info in _distorted.FeatureDictionary.Where(f => f.Type is ColumnType.Int32 or ColumnType.Double && !f.IsTarget))
        {
            var column = _rows[info.Name];
            var (low, high) = info.Name switch
            {
                "opportunity_estimated_acv" or "expected_acv" => (acv[0], acv[1]),
                "days_since_first_touch" or "days_since_last_touch" or "days_in_stage" => (0.0, snapshotDay),
                "arrival_weekday" => (0.0, 6.0),
                "arrival_month" => (1.0, 12.0),
                _ => (0.0, double.MaxValue),
            };
            for (var r = 0; r < column.Length; r++)
            {
                var v = LeadScoringWorlds.Number(column, r);
                if (!double.IsNaN(v))
                {
                    Assert.That(v, Is.InRange(low, high), $"{info.Name} row {r}");
                }
            }
        }
    }
}
