using LeadForge.Configuration;
using LeadForge.Validation;

namespace LeadForge.Tests.Schemes.LeadScoring;

/// <summary>
/// Issue 18 point 5: the lead-scoring scheme refuses a population below the smallest one whose bundle
/// passes its own validation (measured: see LeadScoringEntities), with a typed error naming the key,
/// and a bundle at the minimum does pass.
/// </summary>
public sealed class PopulationMinimumTests
{
    private const string Recipe = "b2b_saas_procurement_v1";

    [TestCase("leads", 49, 50)]
    [TestCase("accounts", 9, 10)]
    [TestCase("contacts", 9, 10)]
    public void A_count_below_the_minimum_is_a_typed_error_naming_the_key(string entity, int count, int minimum)
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Recipe).WithLeads(1_000).WithCount(entity, count).ResolveConfig())!;
        Assert.That(ex.Message, Does.Contain($"population.{entity}: {count} is below {minimum}, the smallest {entity} count"));
        Assert.DoesNotThrow(() => Generator.FromRecipe(Recipe).WithLeads(1_000).WithCount(entity, minimum).ResolveConfig());
    }

    [TestCase(ExposureMode.StudentPublic, Difficulty.Advanced, 21)]
    [TestCase(ExposureMode.ResearchInstructor, Difficulty.Intro, 22)]
    public void A_bundle_of_the_minimum_population_passes_its_own_validation(ExposureMode mode, Difficulty tier, long seed)
    {
        var bundle = Generator.FromRecipe(Recipe).WithSeed(seed).WithExposure(mode).WithDifficulty(tier).WithLeads(50).Generate();
        var report = new BundleValidator().Validate(bundle);
        Assert.That(report.Passed, Is.True, () => report.ToText());
    }
}
