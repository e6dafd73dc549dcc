using LeadForge.Configuration;
using LeadForge.Schemes;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Configuration;

/// <summary>Every class of bad configuration input fails early with a typed exception and a useful message.</summary>
public class ConfigurationErrorTests
{
    private const string Tiny = "tiny_world_v1";

    private static ConfigValidationException ResolveWith(string overrides) =>
        Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithOverrideText(overrides, "test.yaml").ResolveConfig())!;

    [Test]
    public void Malformed_yaml_reports_line_and_column()
    {
        const string yaml = "seed: 5\npopulation:\n  leads: [1, 2\n  accounts: 3\n";
        var ex = Assert.Throws<RecipeException>(() => Generator.FromRecipe(Tiny).WithOverrideText(yaml, "bad.yaml"))!;
        Assert.That(ex.Line, Is.Not.Null.And.GreaterThanOrEqualTo(3));
        Assert.That(ex.Column, Is.Not.Null.And.GreaterThan(0));
        Assert.That(ex.Location, Is.EqualTo("bad.yaml"));
        Assert.That(ex.Message, Does.Contain($"line {ex.Line}").And.Contain($"column {ex.Column}").And.Contain("bad.yaml"));
    }

    [Test]
    public void Malformed_recipe_text_reports_line_and_column()
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeCatalog.Parse("id: x\ntitle: \"unterminated\nscheme: tiny\n", "r.yaml"))!;
        Assert.That(ex.Line, Is.Not.Null);
        Assert.That(ex.Message, Does.Contain("malformed YAML").And.Contain("line"));
    }

    [Test]
    public void A_document_that_is_not_a_mapping_is_rejected()
    {
        var ex = Assert.Throws<RecipeException>(() => Generator.FromRecipe(Tiny).WithOverrideText("- a\n- b\n", "list.yaml"))!;
        Assert.That(ex.Message, Does.Contain("must be a mapping"));
    }

    [Test]
    public void Duplicate_keys_are_rejected_with_their_position()
    {
        var ex = Assert.Throws<RecipeException>(() => Generator.FromRecipe(Tiny).WithOverrideText("seed: 1\nseed: 2\n", "dup.yaml"))!;
        Assert.That(ex.Message, Does.Contain("seed").And.Contain("uplicate key"));
        Assert.That(ex.Line, Is.EqualTo(2));
    }

    [Test]
    public void Unknown_top_level_key_is_named_with_its_position()
    {
        var ex = ResolveWith("seed: 3\nconversion_rat: 0.2\n");
        Assert.That(ex.Problems, Has.Count.EqualTo(1));
        var p = ex.Problems[0];
        Assert.That(p.KeyPath, Is.EqualTo("conversion_rat"));
        Assert.That(p.Message, Does.Contain("unknown key 'conversion_rat'").And.Contain("conversion_rate"));
        Assert.That(p.Line, Is.EqualTo(2));
        Assert.That(p.Location, Is.EqualTo("test.yaml"));
        Assert.That(ex.Message, Does.Contain("conversion_rat: unknown key").And.Contain("test.yaml:2:"));
    }

    [Test]
    public void Unknown_nested_key_is_named_by_its_full_path()
    {
        var ex = ResolveWith("noise:\n  missing_rat: 0.2\npopulation:\n  leeds: 10\n");
        Assert.That(ex.Problems.Select(p => p.KeyPath), Is.EquivalentTo(new[] { "noise.missing_rat", "population.leeds" }));
        Assert.That(ex.Message, Does.Contain("noise.missing_rat: unknown key 'missing_rat'").And.Contain("missing_rate"));
        Assert.That(ex.Message, Does.Contain("population.leeds: unknown key 'leeds'"));
    }

    [TestCase("conversion_rate: high\n", "conversion_rate", "expected a number")]
    [TestCase("seed: forty-two\n", "seed", "expected an integer")]
    [TestCase("population:\n  leads: 1.5\n", "population.leads", "expected an integer")]
    [TestCase("population: 100\n", "population", "expected a mapping")]
    [TestCase("channel_shares: 0.5\n", "channel_shares", "expected a list")]
    [TestCase("title: [a, b]\n", "title", "expected a string")]
    [TestCase("channels: {a: b}\n", "channels", "expected a list")]
    [TestCase("exposure_mode: public\n", "exposure_mode", "student_public")]
    [TestCase("start_date: 01/02/2024\n", "start_date", "yyyy-MM-dd")]
    [TestCase("start_date: 0001-01-01\n", "start_date", "0001-01-01 is outside [1900-01-01, 2199-12-31]")]
    [TestCase("start_date: 9999-12-31\n", "start_date", "is outside [1900-01-01, 2199-12-31]")]
    [TestCase("allow_large_population: maybe\n", "allow_large_population", "true or false")]
    [TestCase("seed: 99999999999999999999\n", "seed", "integer")]
    [TestCase("horizon_days: 99999999999\n", "horizon_days", "too large")]
    [TestCase("conversion_rate: null\n", "conversion_rate", "must not be null")]
    public void Wrong_types_are_reported_with_the_key_path(string overrides, string keyPath, string messagePart)
    {
        var ex = ResolveWith(overrides);
        Assert.That(ex.Problems.Select(p => p.KeyPath), Does.Contain(keyPath));
        Assert.That(ex.Problems.First(p => p.KeyPath == keyPath).Message, Does.Contain(messagePart));
    }

    [Test]
    public void Out_of_range_value_is_reported_with_range_and_path()
    {
        var ex = ResolveWith("conversion_rate: 1.7\n");
        Assert.That(ex.Message, Does.Contain("conversion_rate: 1.7 is outside [0, 1]"));
        Assert.That(ex.Problems[0].Line, Is.EqualTo(1));
    }

    [Test]
    public void Nested_out_of_range_value_is_reported_with_full_path()
    {
        var ex = ResolveWith("noise:\n  missing_rate: 1.7\n");
        Assert.That(ex.Message, Does.Contain("noise.missing_rate: 1.7 is outside [0, 1]"));
        Assert.That(ex.Problems.Single().Line, Is.EqualTo(2));
    }

    [Test]
    public void Recipe_ranges_are_checked_too()
    {
        var ex = ResolveWith("horizon_days: 0\n");
        Assert.That(ex.Message, Does.Contain("horizon_days: 0 is outside [1, 3650]"));
    }

    [Test]
    public void Probabilities_not_summing_to_one_are_reported()
    {
        var ex = ResolveWith("channel_shares: [0.6, 0.3]\n");
        Assert.That(ex.Message, Does.Contain("channel_shares: probabilities must sum to 1, but they sum to 0.9"));
    }

    [Test]
    public void Negative_probabilities_are_reported()
    {
        var ex = ResolveWith("channel_shares: [1.2, -0.2]\n");
        Assert.That(ex.Message, Does.Contain("channel_shares: weights must be non-negative"));
    }

    [Test]
    public void Snapshot_day_beyond_the_label_window_is_reported()
    {
        var ex = ResolveWith("tasks:\n  tiny_conversion:\n    snapshot_day: 120\n");
        Assert.That(ex.Message, Does.Contain("tasks.tiny_conversion.snapshot_day: 120 is beyond label_window_days (90)"));
    }

    [Test]
    public void A_former_recipe_key_says_where_it_went()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe("b2b_saas_procurement_v1")
            .WithOverrideText("snapshot_day: 20\nsplit:\n  strategy: random\nprimary_task: x\n", "old.yaml").ResolveConfig())!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("snapshot_day: 'snapshot_day' is no longer a key here: it moved to tasks.converted_within_90_days.snapshot_day (old.yaml:1:1)"));
            Assert.That(ex.Message, Does.Contain("split: 'split' is no longer a key here: it moved to tasks.converted_within_90_days.split (old.yaml:2:1)"));
            Assert.That(ex.Message, Does.Contain("primary_task: 'primary_task' is no longer a key here: the scheme declares its tasks"));
        });
        var tiny = ResolveWith("label_window_days: 30\n");
        Assert.That(tiny.Message, Does.Contain("each task has its own, under tasks.<task id>.label_window_days"), "a scheme without its own hint gets the recipe's");
    }

    [Test]
    public void Label_window_beyond_the_horizon_is_reported()
    {
        var ex = ResolveWith("tasks:\n  tiny_conversion:\n    label_window_days: 100\n    snapshot_day: 10\n");
        Assert.That(ex.Message, Does.Contain("tasks.tiny_conversion.label_window_days: 100 is beyond horizon_days (90)"));
    }

    [Test]
    public void Negative_population_is_reported()
    {
        var ex = ResolveWith("population:\n  leads: -5\n");
        Assert.That(ex.Message, Does.Contain("population.leads: -5 must be a positive count"));
        var viaBuilder = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithAccounts(0).ResolveConfig())!;
        Assert.That(viaBuilder.Message, Does.Contain("population.accounts: 0 must be a positive count"));
    }

    [Test]
    public void Absurd_population_needs_allow_large_population()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithLeads(30_000_000).ResolveConfig())!;
        Assert.That(ex.Problems.Select(p => p.KeyPath), Does.Contain("population.leads"), "counts that follow the leads (contacts here) may be reported too");
        Assert.That(ex.Problems.Select(p => p.Message), Has.All.Contain("allow_large_population"));

        var allowed = Generator.FromRecipe(Tiny).WithLeads(30_000_000).AllowLargePopulation().ResolveConfig();
        Assert.That(allowed.Population["leads"], Is.EqualTo(30_000_000));
        Assert.That(allowed.AllowLargePopulation, Is.True);

        var viaFile = Generator.FromRecipe(Tiny).WithOverrideText("allow_large_population: true\npopulation:\n  leads: 30000000\n").ResolveConfig();
        Assert.That(viaFile.Population["leads"], Is.EqualTo(30_000_000));
    }

    [Test]
    public void The_large_population_guard_allows_exactly_its_threshold()
    {
        var limit = GenerationConfig.LargePopulationThreshold;
        var atLimit = Generator.FromRecipe(Tiny).WithLeads(limit).WithAccounts(10).ResolveConfig();
        Assert.That(atLimit.Population["leads"], Is.EqualTo(limit));

        var ex = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithLeads(limit + 1).WithAccounts(10).ResolveConfig())!;
        Assert.That(ex.Problems.Select(p => $"{p.KeyPath}: {p.Message}"), Is.EqualTo(new[]
        {
            "population.leads: 2,000,001 is above the 2,000,000 guard; set allow_large_population: true (or AllowLargePopulation() on the builder) for huge runs",
        }));
    }

    [TestCase(4, false)]
    [TestCase(5, true)]
    public void A_count_below_the_entity_minimum_is_refused_with_the_reason(int accounts, bool ok)
    {
        var strict = new EntityDefinition("accounts", "acct", "A tiny account.") { MinimumCount = 5, MinimumReason = "a tiny reason" };
        var scheme = new TinyScheme { DeclaredEntities = [strict, TinyScheme.Leads] };
        var config = Generator.FromRecipe(Tiny).WithLeads(100).WithAccounts(accounts).ResolveConfig();
        var problems = new List<ConfigProblem>();

        PopulationRules.Validate(config, scheme, new SettingsValidationScope("", problems, _ => (null, 0, 0)), checkMissing: true);

        Assert.That(problems.Select(p => p.ToString()), ok ? Is.Empty : Is.EqualTo(new[]
        {
            "population.accounts: 4 is below 5, the smallest accounts count scheme 'tiny' renders into a bundle that passes its own validation (a tiny reason)",
        }));
    }

    [Test]
    public void Scheme_rules_across_run_settings_are_checked()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithLeads(5).WithAccounts(10).ResolveConfig())!;
        Assert.That(ex.Message, Does.Contain("population.leads: must be at least population.accounts"));
    }

    [Test]
    public void Unsupported_mode_or_tier_of_a_recipe_is_reported()
    {
        var ex = ResolveWith("supported_modes: [student_public]\nexposure_mode: research_instructor\n");
        Assert.That(ex.Message, Does.Contain("exposure_mode: 'research_instructor' is not supported by recipe 'tiny_world_v1'"));

        var tier = ResolveWith("supported_difficulties: [intro]\ndifficulty: advanced\n");
        Assert.That(tier.Message, Does.Contain("difficulty: 'advanced' is not supported by recipe 'tiny_world_v1'"));
    }

    [Test]
    public void Recipe_id_and_scheme_cannot_be_overridden()
    {
        var ex = ResolveWith("id: other_world\n");
        Assert.That(ex.Message, Does.Contain("id: cannot be overridden"));
    }

    [Test]
    public void Unknown_recipe_id_lists_the_known_ids()
    {
        var ex = Assert.Throws<RecipeException>(() => Generator.FromRecipe("no_such_world_v9"))!;
        Assert.That(ex.Message, Does.Contain("Unknown recipe id 'no_such_world_v9'").And.Contain("tiny_world_v1"));
        Assert.Throws<RecipeException>(() => RecipeCatalog.Get("no_such_world_v9"));
        Assert.That(RecipeCatalog.Contains("no_such_world_v9"), Is.False);
    }

    [Test]
    public void Unknown_scheme_in_a_recipe_lists_the_known_schemes()
    {
        const string yaml = "id: lost_world_v1\ntitle: Lost\nscheme: no_such_scheme\n";
        var ex = Assert.Throws<ConfigValidationException>(() => RecipeCatalog.Parse(yaml, "lost.yaml"))!;
        Assert.That(ex.Problems.Single().KeyPath, Is.EqualTo("scheme"));
        Assert.That(ex.Message, Does.Contain("no_such_scheme").And.Contain("tiny"));
        Assert.That(ex.Problems.Single().Line, Is.EqualTo(3));
    }

    [Test]
    public void Missing_required_recipe_keys_are_reported()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => RecipeCatalog.Parse("scheme: tiny\n", "min.yaml"))!;
        Assert.That(ex.Problems.Select(p => p.KeyPath), Is.SupersetOf(new[] { "id", "title" }));
        Assert.That(ex.Message, Does.Contain("is required but missing"));
    }

    [Test]
    public void Missing_override_file_is_a_recipe_exception()
    {
        var path = Path.Combine(Path.GetTempPath(), "leadforge-missing-" + TestContext.CurrentContext.Test.ID + ".yaml");
        var ex = Assert.Throws<RecipeException>(() => Generator.FromRecipe(Tiny).WithOverrides(path))!;
        Assert.That(ex.Message, Does.Contain(path).And.Contain("does not exist"));
        Assert.That(ex.Location, Is.EqualTo(path));
    }

    [Test]
    public void Missing_recipe_file_is_a_recipe_exception()
    {
        var ex = Assert.Throws<RecipeException>(() => Generator.FromRecipe("/nonexistent/dir/world.yaml"))!;
        Assert.That(ex.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void Several_problems_are_reported_at_once()
    {
        var ex = ResolveWith("conversion_rate: 1.7\nchannel_shares: [0.2, 0.2]\ntasks:\n  tiny_conversion:\n    snapshot_day: 120\npopulation:\n  leads: -1\n");
        var paths = ex.Problems.Select(p => p.KeyPath).ToArray();
        Assert.That(paths, Is.SupersetOf(new[] { "conversion_rate", "channel_shares", "tasks.tiny_conversion.snapshot_day", "population.leads" }));
        Assert.That(ex.Message, Does.StartWith($"Invalid configuration ({ex.Problems.Count} problems)"));
        foreach (var p in ex.Problems)
        {
            Assert.That(ex.Message, Does.Contain(p.ToString()));
        }
    }

    [Test]
    public void Binding_problems_of_several_kinds_are_reported_at_once()
    {
        var ex = ResolveWith("conversion_rat: 0.2\nseed: x\npopulation:\n  leads: y\n");
        Assert.That(ex.Problems.Select(p => p.KeyPath), Is.EquivalentTo(new[] { "conversion_rat", "seed", "population.leads" }));
        Assert.That(ex.Problems.Select(p => (p.KeyPath, p.Line)), Is.EquivalentTo(new (string, int?)[] { ("conversion_rat", 1), ("seed", 2), ("population.leads", 4) }));
    }

    [Test]
    public void Config_problem_formats_path_message_and_position()
    {
        Assert.That(new ConfigProblem("a.b", "is wrong", "f.yaml", 3, 4).ToString(), Is.EqualTo("a.b: is wrong (f.yaml:3:4)"));
        Assert.That(new ConfigProblem("", "is wrong").ToString(), Is.EqualTo("(root): is wrong"));
        Assert.That(new ConfigValidationException([new ConfigProblem("x", "bad")]).Message, Is.EqualTo("Invalid configuration: x: bad"));
        Assert.That(new ConfigValidationException([]), Is.InstanceOf<LeadForgeException>());
    }
}
