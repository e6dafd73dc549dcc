using LeadForge.Configuration;
using LeadForge.Tables;

namespace LeadForge.Tests.Schemes.LeadScoring.Settings;

/// <summary>
/// Values the override fuzz (issue 18 point 6) found passing validation and then crashing or hanging
/// generation: each is now a typed error at its key and line, and the boundary that is still valid generates.
/// </summary>
public sealed class SettingsBoundaryTests
{
    private const string Recipe = "b2b_saas_procurement_v1";

    /// <summary>The recipe's first three employee bands (weights 0.9), to which a case appends a fourth.</summary>
    private const string Bands = "accounts:\n  employee_bands:\n"
        + "    - {name: 200-499, weight: 0.35, segment: smb, size_score: -1.0}\n"
        + "    - {name: 500-999, weight: 0.35, segment: mid_market, size_score: 0.0}\n"
        + "    - {name: 2000+, weight: 0.20, segment: enterprise, size_score: 1.6}\n";

    [TestCase("narrative:\n  market:\n    geography_weights: [0, 0]\n", "narrative.market.geography_weights", 3, "non-negative with a positive sum")]
    [TestCase("narrative:\n  market:\n    geography_weights: [1, -0.5]\n", "narrative.market.geography_weights", 3, "non-negative with a positive sum")]
    [TestCase("arrival:\n  weekday_weights: [0, 0, 0, 0, 0, 0, 0]\n", "arrival.weekday_weights", 2, "non-negative with a positive sum")]
    [TestCase("narrative:\n  market:\n    geography_weights: [1, 1, 1]\n", "narrative.market.geography_weights", 3, "3")]
    [TestCase("narrative:\n  market:\n    industry_fit_shift: [0.2]\n", "narrative.market.industry_fit_shift", 3, "1")]
    [TestCase("events:\n  engagement_effect: 365\n", "events.engagement_effect", 2, "outside [-2, 2]")]
    [TestCase("accounts:\n  created_before_start_days: 29\n", "accounts.created_before_start_days", 2, "outside [30, 7300]")]
    [TestCase("narrative:\n  market:\n    geographies: [US, US]\n", "narrative.market.geographies", 3, "'US' appears more than once")]
    [TestCase(Bands + "    - {name: 2000+, weight: 0.10, segment: enterprise, size_score: 1.6}\n", "accounts.employee_bands", 3, "'2000+' appears more than once")]
    [TestCase(Bands + "    - {name: 5000+, weight: 0.10, segment: enterprise, size_score: 9999999}\n", "accounts.employee_bands[3].size_score", 6, "outside [-10, 10]")]
    [TestCase(
        "accounts:\n  segments:\n    - {name: smb, arrival_multiplier: 1.0, deal_size_multiplier: 0.6, conversion_shift: 0.1, cycle_multiplier: 0.95}\n"
        + "    - {name: smb, arrival_multiplier: 1.3, deal_size_multiplier: 1.0, conversion_shift: 0.0, cycle_multiplier: 1.0}\n",
        "accounts.segments",
        3,
        "'smb' appears more than once")]
    [TestCase("rewiring:\n  confounder_weight_range: [1e-9]\n", "rewiring.confounder_weight_range", 2, "2")]
    [TestCase("rewiring:\n  confounder_weight_range: [0.5, 0.1]\n", "rewiring.confounder_weight_range", 2, "min <= max")]
    [TestCase("rewiring:\n  confounder_weight_range: [1e12, 1e12]\n", "rewiring.confounder_weight_range", 2, "<= 5")]
    public void A_value_that_would_break_generation_is_a_located_error(string overrides, string keyPath, int line, string messagePart)
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Recipe).WithOverrideText(overrides, "o.yaml").ResolveConfig())!;
        var matches = ex.Problems.Where(p => p.KeyPath == keyPath && p.Message.Contains(messagePart, StringComparison.Ordinal)).ToArray();
        Assert.That(matches, Has.Length.EqualTo(1), ex.Message);
        Assert.That(matches[0].Line, Is.EqualTo(line), ex.Message);
    }

    [TestCase("narrative:\n  market:\n    geography_weights: [0, 1]\n")]
    [TestCase("narrative:\n  market:\n    geography_weights: []\n    industry_fit_shift: []\n")]
    [TestCase("events:\n  engagement_effect: 2\n")]
    [TestCase("events:\n  engagement_effect: -2\n")]
    [TestCase("accounts:\n  created_before_start_days: 30\n")]
    [TestCase("rewiring:\n  confounder_probability: 1\n  confounder_weight_range: [-5, 5]\n")]
    public void The_valid_boundary_generates(string overrides)
    {
        var bundle = Generator.FromRecipe(Recipe).WithOverrideText(overrides, "o.yaml").WithSeed(3).WithLeads(200).Generate();
        Assert.That(bundle.Tables.Count, Is.GreaterThan(0));
    }

    [Test]
    public void Geography_weights_shape_the_accounts_regions()
    {
        // The weights were silently replaced by equal weights when their count did not match; a matching
        // list is used: all weight on one geography puts every account there.
        var bundle = Generator.FromRecipe(Recipe).WithOverrideText("narrative:\n  market:\n    geography_weights: [0, 1]\n", "o.yaml").WithSeed(3).WithLeads(200).Generate();
        var regions = Regions(bundle);
        Assert.That(regions, Is.EquivalentTo(new[] { "UK" }));
        Assert.That(Regions(Generator.FromRecipe(Recipe).WithSeed(3).WithLeads(200).Generate()), Is.EquivalentTo(new[] { "UK", "US" }));
    }

    private static string[] Regions(WorldBundle bundle)
    {
        var region = bundle.Tables["accounts"]["region"].AsString();
        return Enumerable.Range(0, region.Length).Select(r => region[r]!).Distinct().Order(StringComparer.Ordinal).ToArray();
    }
}
