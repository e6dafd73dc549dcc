using LeadForge.Configuration;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Configuration;

/// <summary>Precedence, highest first: builder calls &gt; override file &gt; recipe &gt; package defaults.</summary>
public class ConfigurationPrecedenceTests
{
    private const string Tiny = "tiny_world_v1";
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "leadforge-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static TinySettings Settings(GenerationConfig config) => (TinySettings)config.Recipe.World;

    [Test]
    public void Package_defaults_apply_where_the_recipe_is_silent()
    {
        var config = Generator.FromRecipe(Tiny).ResolveConfig();
        Assert.That(config.Seed, Is.EqualTo(42));
        Assert.That(config.ExposureMode, Is.EqualTo(ExposureMode.StudentPublic));
        Assert.That(config.Difficulty, Is.EqualTo(Difficulty.Intermediate));
        Assert.That(config.AllowLargePopulation, Is.False);
        Assert.That(config.Recipe.StartDate, Is.EqualTo(new DateOnly(2024, 1, 1)));
        Assert.That(Settings(config).Noise.MissingRate, Is.EqualTo(0.1));
    }

    [Test]
    public void Recipe_values_override_package_defaults()
    {
        var config = Generator.FromRecipe(Tiny).ResolveConfig();
        Assert.That(Settings(config).ChannelShares, Is.EqualTo(new[] { 0.6, 0.4 }), "package default is [0.5, 0.5]");
        Assert.That(config.Population["leads"], Is.EqualTo(200), "package default is 5,000");
        Assert.That(config.Population["accounts"], Is.EqualTo(20));
        Assert.That(config.Recipe.DefaultPopulation["leads"], Is.EqualTo(200));
        Assert.That(config.Recipe.Title, Is.EqualTo("Tiny test world"));
    }

    [Test]
    public void Override_file_overrides_the_recipe()
    {
        var path = WriteFile("o.yaml", "seed: 5\nchannel_shares: [0.7, 0.3]\npopulation:\n  leads: 100\nnoise:\n  missing_rate: 0.25\n");
        var config = Generator.FromRecipe(Tiny).WithOverrides(path).ResolveConfig();
        Assert.That(config.Seed, Is.EqualTo(5));
        Assert.That(Settings(config).ChannelShares, Is.EqualTo(new[] { 0.7, 0.3 }));
        Assert.That(Settings(config).Noise.MissingRate, Is.EqualTo(0.25));
        Assert.That(config.Population["leads"], Is.EqualTo(100));
        Assert.That(config.Population["accounts"], Is.EqualTo(10), "counts the override does not name follow its leads in the recipe's proportions (20 per 200)");
        Assert.That(config.Population.Keys, Is.EqualTo(new[] { "accounts", "leads" }), "the tiny scheme's two entities, nothing else");
        Assert.That(Settings(config).ConversionRate, Is.EqualTo(0.3));
    }

    [Test]
    public void Builder_calls_override_the_override_file()
    {
        var path = WriteFile("o.yaml", "seed: 5\nexposure_mode: research_instructor\nchannel_shares: [0.7, 0.3]\npopulation:\n  leads: 100\n");
        var config = Generator.FromRecipe(Tiny)
            .WithSeed(9)
            .WithOverrides(path)
            .WithExposure(ExposureMode.StudentPublic)
            .WithLeads(50)
            .ResolveConfig();
        Assert.That(config.Seed, Is.EqualTo(9), "builder call made before WithOverrides still wins");
        Assert.That(config.ExposureMode, Is.EqualTo(ExposureMode.StudentPublic));
        Assert.That(config.Population["leads"], Is.EqualTo(50));
        Assert.That(config.Population["accounts"], Is.EqualTo(5), "accounts follow the builder's leads, not the override file's");
        Assert.That(Settings(config).ChannelShares, Is.EqualTo(new[] { 0.7, 0.3 }));
    }

    [Test]
    public void Counts_not_given_follow_the_leads_in_the_recipes_proportions()
    {
        const string LeadScoring = "b2b_saas_procurement_v1";
        var config = Generator.FromRecipe(LeadScoring).WithLeads(50_000).ResolveConfig();
        Assert.That((config.Population["accounts"], config.Population["contacts"]), Is.EqualTo((15_000, 42_000)), "recipe: 5,000 leads : 1,500 accounts : 4,200 contacts");

        var small = Generator.FromRecipe(LeadScoring).WithLeads(50).ResolveConfig();
        Assert.That((small.Population["accounts"], small.Population["contacts"]), Is.EqualTo((15, 42)), "the smallest lead count");

        var given = Generator.FromRecipe(LeadScoring).WithLeads(10_000).WithAccounts(17).ResolveConfig();
        Assert.That((given.Population["accounts"], given.Population["contacts"]), Is.EqualTo((17, 8_400)), "a count that is given is kept");

        var fromFile = Generator.FromRecipe(LeadScoring).WithOverrideText("population:\n  contacts: 33\n").WithLeads(2_500).ResolveConfig();
        Assert.That((fromFile.Population["accounts"], fromFile.Population["contacts"]), Is.EqualTo((750, 33)), "a count given by an override file is kept");

        var untouched = Generator.FromRecipe(LeadScoring).WithAccounts(15).ResolveConfig();
        Assert.That((untouched.Population["leads"], untouched.Population["accounts"], untouched.Population["contacts"]), Is.EqualTo((5_000, 15, 4_200)), "without the driver (leads) nothing is scaled");

        var tiny = Generator.FromRecipe(Tiny).WithCount("leads", 1_000).ResolveConfig();
        Assert.That(tiny.Population, Is.EqualTo(new Dictionary<string, int> { ["accounts"] = 100, ["leads"] = 1_000 }), "the generic WithCount follows the tiny scheme's declared driver");
    }

    [Test]
    public void The_population_holds_exactly_the_schemes_entities()
    {
        var unknown = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithCount("customers", 10).ResolveConfig())!;
        Assert.That(unknown.Problems.Select(p => p.KeyPath), Is.EqualTo(new[] { "population.customers" }));
        Assert.That(unknown.Message, Does.Contain("unknown key 'customers': not an entity of scheme 'tiny' (its entities: accounts, leads)"));

        var missing = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(RecipeCatalog.Parse(TinyRecipeWithout("accounts"))).ResolveConfig())!;
        Assert.That(missing.Problems.Select(p => p.KeyPath), Is.EqualTo(new[] { "population.accounts" }));
        Assert.That(missing.Message, Does.Contain("is missing"));

        var negative = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithCount("leads", -3).WithCount("nope", 1).ResolveConfig())!;
        Assert.That(negative.Problems.Select(p => p.KeyPath), Is.EquivalentTo(new[] { "population.leads", "population.nope" }), "every population problem at once");
    }

    private static string TinyRecipeWithout(string entity) =>
        "id: tiny_missing\ntitle: Tiny\nscheme: tiny\ndefault_population:\n" + (entity == "accounts" ? string.Empty : "  accounts: 20\n") + (entity == "leads" ? string.Empty : "  leads: 200\n")
        + "channels: [inbound, outbound]\nchannel_shares: [0.6, 0.4]\n";

    [Test]
    public void Scaled_population_round_trips_through_the_resolved_config()
    {
        var config = Generator.FromRecipe(Tiny).WithLeads(1_000).ResolveConfig();
        var again = Generator.FromRecipe(Tiny).WithOverrideText(config.ToJson()).ResolveConfig();
        Assert.That(again.ComputeHash(), Is.EqualTo(config.ComputeHash()));
    }

    [Test]
    public void Later_override_files_override_earlier_ones()
    {
        var first = WriteFile("a.yaml", "seed: 5\nconversion_rate: 0.4\n");
        var second = WriteFile("b.json", "{\"seed\": 6}");
        var config = Generator.FromRecipe(Tiny).WithOverrides(first).WithOverrides(second).ResolveConfig();
        Assert.That(config.Seed, Is.EqualTo(6));
        Assert.That(Settings(config).ConversionRate, Is.EqualTo(0.4));
    }

    [Test]
    public void Json_override_file_works_like_yaml()
    {
        var yaml = WriteFile("o.yaml", "seed: 77\ndifficulty: advanced\nchannel_shares: [0.25, 0.75]\npopulation:\n  leads: 60\n  accounts: 6\n");
        var json = WriteFile("o.json", "{\n  \"seed\": 77,\n  \"difficulty\": \"advanced\",\n  \"channel_shares\": [0.25, 0.75],\n  \"population\": { \"leads\": 60, \"accounts\": 6 }\n}\n");
        var fromYaml = Generator.FromRecipe(Tiny).WithOverrides(yaml).ResolveConfig();
        var fromJson = Generator.FromRecipe(Tiny).WithOverrides(json).ResolveConfig();
        Assert.That(fromJson.Seed, Is.EqualTo(77));
        Assert.That(fromJson.Difficulty, Is.EqualTo(Difficulty.Advanced));
        Assert.That(fromJson.ComputeHash(), Is.EqualTo(fromYaml.ComputeHash()));
        Assert.That(fromJson.ToJson(), Is.EqualTo(fromYaml.ToJson()));
    }

    [Test]
    public void Json_override_errors_carry_positions_too()
    {
        var json = WriteFile("bad.json", "{\n  \"seed\": 1,\n  \"conversion_rate\": 2.5\n}\n");
        var ex = Assert.Throws<ConfigValidationException>(() => Generator.FromRecipe(Tiny).WithOverrides(json).ResolveConfig())!;
        Assert.That(ex.Problems.Single().Line, Is.EqualTo(3));
        Assert.That(ex.Message, Does.Contain("conversion_rate: 2.5 is outside [0, 1]").And.Contain("bad.json:3:"));
    }

    [Test]
    public void Config_hash_changes_with_any_setting()
    {
        var a = Generator.FromRecipe(Tiny).ResolveConfig().ComputeHash();
        var b = Generator.FromRecipe(Tiny).ResolveConfig().ComputeHash();
        var c = Generator.FromRecipe(Tiny).WithOverrideText("noise:\n  missing_rate: 0.11\n").ResolveConfig().ComputeHash();
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public void Resolved_config_round_trips_through_an_override_file()
    {
        var original = Generator.FromRecipe(Tiny)
            .WithSeed(11)
            .WithExposure(ExposureMode.ResearchInstructor)
            .WithDifficulty(Difficulty.Advanced)
            .WithLeads(120).WithAccounts(12)
            .WithOverrideText("channel_shares: [0.3, 0.7]\nnoise:\n  missing_rate: 0.2\n");
        var config = original.ResolveConfig();
        var path = WriteFile("resolved.json", config.ToJson());

        var replay = Generator.FromRecipe(Tiny).WithOverrides(path);
        var replayed = replay.ResolveConfig();
        Assert.That(replayed.ComputeHash(), Is.EqualTo(config.ComputeHash()));
        Assert.That(replayed.ToJson(), Is.EqualTo(config.ToJson()));

        var a = original.Generate();
        var b = replay.Generate();
        Assert.That(b.Descriptor.ConfigHash, Is.EqualTo(a.Descriptor.ConfigHash));
        Assert.That(b.Tables.Names, Is.EqualTo(a.Tables.Names));
        foreach (var table in a.Tables)
        {
            Assert.That(b.Tables[table.Name].ComputeContentHash(), Is.EqualTo(table.ComputeContentHash()), table.Name);
        }
    }

    [Test]
    public void Recipe_files_load_and_register()
    {
        var text = "id: file_world_v1\ntitle: From a file\nscheme: tiny\nhorizon_days: 60\n"
            + "tasks:\n  tiny_conversion:\n    label_window_days: 60\n    snapshot_day: 10\ndefault_population:\n  accounts: 5\n  leads: 30\n";
        var path = WriteFile("file_world_v1.yaml", text);
        var recipe = RecipeCatalog.LoadFile(path);
        Assert.That(recipe.Id, Is.EqualTo("file_world_v1"));
        Assert.That(recipe.HorizonDays, Is.EqualTo(60));

        var bundle = Generator.FromRecipe(path).WithSeed(1).Generate();
        Assert.That(bundle.Tables["leads"].RowCount, Is.EqualTo(30));
        Assert.That(bundle.Descriptor.RecipeId, Is.EqualTo("file_world_v1"));

        RecipeCatalog.RegisterFile(path);
        Assert.That(RecipeCatalog.Contains("file_world_v1"), Is.True);
        Assert.That(RecipeCatalog.List().Single(r => r.Id == "file_world_v1").Source, Is.EqualTo(path));
        Assert.That(Generator.FromRecipe("file_world_v1").ResolveConfig().Recipe.Title, Is.EqualTo("From a file"));
    }

    [Test]
    public void Recipe_objects_generate_like_their_yaml()
    {
        var recipe = RecipeCatalog.Get(Tiny);
        var fromObject = Generator.FromRecipe(recipe).ResolveConfig();
        var fromId = Generator.FromRecipe(Tiny).ResolveConfig();
        Assert.That(fromObject.ComputeHash(), Is.EqualTo(fromId.ComputeHash()));
    }

    [Test]
    public void Catalog_lists_the_tiny_recipe_with_its_metadata()
    {
        var info = RecipeCatalog.List().Single(r => r.Id == Tiny);
        Assert.That(info.Scheme, Is.EqualTo("tiny"));
        Assert.That(info.PrimaryTask, Is.EqualTo("tiny_conversion"));
        Assert.That(info.Source, Does.StartWith("embedded:"));
        Assert.That(RecipeCatalog.GetScheme("tiny"), Is.InstanceOf<TinyScheme>());
        Assert.Throws<RecipeException>(() => RecipeCatalog.GetScheme("nope"));
    }
}
