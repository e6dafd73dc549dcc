using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring;

/// <summary>Per-lead views of an instructor-mode lead-scoring bundle, read from its relational tables.</summary>
internal sealed class LeadScoringBundleView
{
    private readonly Dictionary<string, int> _leadRow = new(StringComparer.Ordinal);

    public LeadScoringBundleView(WorldBundle bundle)
    {
        Bundle = bundle;
        var leads = bundle.Tables["leads"];
        LeadCount = leads.RowCount;
        Created = new DateTime[LeadCount];
        Label = new bool[LeadCount];
        var ids = leads["lead_id"].AsString();
        var created = leads["lead_created_at"].As<DateTime>();
        var label = leads["converted_within_90_days"].As<bool>();
        for (var r = 0; r < LeadCount; r++)
        {
            _leadRow[ids[r]!] = r;
            Created[r] = created[r]!.Value;
            Label[r] = label[r]!.Value;
        }
    }

    public WorldBundle Bundle { get; }

    public int LeadCount { get; }

    /// <summary>lead_created_at per lead (leads-table row order).</summary>
    public DateTime[] Created { get; }

    /// <summary>converted_within_90_days per lead.</summary>
    public bool[] Label { get; }

    public double ConversionRate => Label.Count(x => x) / (double)LeadCount;

    public int LeadRow(string leadId) => _leadRow[leadId];

    /// <summary>Per lead, the number of rows of <paramref name="table"/> whose <paramref name="timeColumn"/> is before lead creation + <paramref name="days"/>.</summary>
    public double[] CountWithin(string table, string timeColumn, int days)
    {
        var t = Bundle.Tables[table];
        var lead = t["lead_id"].AsString();
        var at = t[timeColumn].As<DateTime>();
        var counts = new double[LeadCount];
        for (var r = 0; r < t.RowCount; r++)
        {
            var l = _leadRow[lead[r]!];
            if (at[r]!.Value < Created[l].AddDays(days))
            {
                counts[l]++;
            }
        }

        return counts;
    }

    /// <summary>Per lead, the ordinal position (in <paramref name="levels"/>) of a categorical attribute of the lead's account or contact.</summary>
    public double[] Ordinal(string table, string key, string column, IReadOnlyList<string> levels)
    {
        var t = Bundle.Tables[table];
        var keys = t[key].AsString();
        var values = t[column].AsString();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < t.RowCount; r++)
        {
            var level = levels.ToList().IndexOf(values[r]!);
            Assert.That(level, Is.GreaterThanOrEqualTo(0), $"{table}.{column} value '{values[r]}' is not a configured level");
            byKey[keys[r]!] = level;
        }

        var leadKeys = Bundle.Tables["leads"][key].AsString();
        return Enumerable.Range(0, LeadCount).Select(l => (double)byKey[leadKeys[l]!]).ToArray();
    }

    /// <summary>account_id → value of an accounts column.</summary>
    public Dictionary<string, string> AccountAttribute(string column)
    {
        var accounts = Bundle.Tables["accounts"];
        var ids = accounts["account_id"].AsString();
        var values = accounts[column].AsString();
        return Enumerable.Range(0, accounts.RowCount).ToDictionary(r => ids[r]!, r => values[r]!, StringComparer.Ordinal);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        Assert.That(sorted, Is.Not.Empty, "median of nothing");
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
