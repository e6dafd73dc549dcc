using LeadForge.Configuration;
using LeadForge.Schemes.LeadScoring;

namespace LeadForge.Tests.Core.Configuration;

public sealed class ConfigKeyTests
{
    [Test]
    public void A_key_is_the_snake_case_name_the_binder_binds()
    {
        Assert.That(ConfigKey.Of<Recipe>(nameof(Recipe.HorizonDays)), Is.EqualTo("horizon_days"));
        Assert.That(ConfigKey.Of<ProductSettings>(nameof(ProductSettings.AcvRangeUsd)), Is.EqualTo("acv_range_usd"));
        Assert.That(ConfigKey.Of<GenerationConfig>(nameof(GenerationConfig.Population)), Is.EqualTo("population"));
    }

    [Test]
    public void Nested_sections_join_with_dots()
    {
        Assert.That(ConfigKey.Of<LeadScoringSettings>(nameof(LeadScoringSettings.Funnel), nameof(FunnelSettings.AdvanceLogit)), Is.EqualTo("funnel.advance_logit"));
        Assert.That(ConfigKey.Of<LeadScoringSettings>(nameof(LeadScoringSettings.Accounts), nameof(AccountSettings.EmployeeBands)), Is.EqualTo("accounts.employee_bands"));
        Assert.That(
            ConfigKey.Of<LeadScoringSettings>(nameof(LeadScoringSettings.Tasks), nameof(LeadScoringTaskSettings.ConvertedWithin90Days), nameof(SnapshotTaskSettings.SnapshotDay)),
            Is.EqualTo("tasks.converted_within_90_days.snapshot_day"));
    }

    [Test]
    public void A_flattened_section_adds_no_segment() =>
        Assert.That(ConfigKey.Of<GenerationConfig>(nameof(GenerationConfig.Recipe), nameof(Recipe.HorizonDays)), Is.EqualTo("horizon_days"));

    [Test]
    public void A_ConfigKey_attribute_names_the_key() =>
        Assert.That(ConfigKey.Of<Renamed>(nameof(Renamed.MaxValue)), Is.EqualTo("ceiling"));

    [Test]
    public void The_key_is_the_one_the_binder_reads()
    {
        var binder = new ConfigBinder();
        var bound = binder.Bind<Renamed>(YamlConfigReader.ReadMapping("ceiling: 7\nlower_bound: 2\n", "test.yaml"));
        binder.ThrowIfProblems();
        Assert.That((bound.MaxValue, bound.LowerBound), Is.EqualTo((7, 2)));
        Assert.That(ConfigKey.Of<Renamed>(nameof(Renamed.LowerBound)), Is.EqualTo("lower_bound"));
    }

    [Test]
    public void A_name_that_is_not_a_bound_property_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => ConfigKey.Of<Recipe>("NoSuchProperty"));
        Assert.Throws<ArgumentException>(() => ConfigKey.Of<Renamed>(nameof(Renamed.Ignored)));
        Assert.Throws<ArgumentException>(() => ConfigKey.Of<Recipe>());
    }

    public sealed class Renamed
    {
        [ConfigKey("ceiling")]
        public int MaxValue { get; init; }

        public int LowerBound { get; init; }

        [ConfigIgnore]
        public int Ignored { get; init; }
    }
}
