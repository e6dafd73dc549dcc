using LeadForge.Schemes;
using LeadForge.Tables;
using LeadForge.Tests.Rendering;

namespace LeadForge.Tests.Core.Bundles;

/// <summary>
/// The in-memory bundle's own rules (issue 18 point 7 survivors): named collections refuse duplicates
/// and say what is present, a public bundle never carries the truth, and descriptors compare every
/// field, the population entity by entity in order.
/// </summary>
public sealed class WorldBundleTests
{
    private static readonly BundleDescriptor Descriptor = new(
        "tiny", "tiny_world_v1", 7, ExposureMode.ResearchInstructor, Difficulty.Intermediate,
        new Dictionary<string, int> { ["accounts"] = 3, ["leads"] = 9 }, "hash", "1.0.0", null);

    [Test]
    public void Tables_are_found_by_name_in_order_and_a_missing_one_lists_those_present()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);

        Assert.That(bundle.Tables.Names, Is.EqualTo(bundle.Tables.Select(t => t.Name)));
        Assert.That(bundle.Tables[bundle.Tables.Names[0]], Is.SameAs(bundle.Tables[0]));
        Assert.That(bundle.Tables.Contains("no_such_table"), Is.False);
        Assert.That(bundle.Tables.TryGet("no_such_table", out _), Is.False);
        var ex = Assert.Throws<KeyNotFoundException>(() => _ = bundle.Tables["no_such_table"])!;
        Assert.That(ex.Message, Is.EqualTo($"No table named 'no_such_table'. Present: {string.Join(", ", bundle.Tables.Names)}."));
        var task = Assert.Throws<KeyNotFoundException>(() => _ = bundle.Tasks["no_such_task"])!;
        Assert.That(task.Message, Does.StartWith("No task named 'no_such_task'. Present: tiny_conversion"));
        var export = Assert.Throws<KeyNotFoundException>(() => _ = bundle.Exports["nope"])!;
        Assert.That(export.Message, Does.StartWith("No export named 'nope'. Present: source_records"));
    }

    [Test]
    public void Two_tables_with_one_name_are_refused()
    {
        var bundle = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        Table[] twice = [bundle.Tables[0], bundle.Tables[0]];

        var ex = Assert.Throws<ArgumentException>(() => _ = new WorldBundle(bundle.Descriptor, bundle.Config, twice, bundle.Tasks, bundle.DatasetCard, bundle.FeatureDictionary, bundle.Truth))!;

        Assert.That(ex.Message, Does.StartWith($"Duplicate table '{bundle.Tables[0].Name}'."));
    }

    [Test]
    public void A_public_bundle_cannot_carry_the_truth_and_a_missing_card_is_empty()
    {
        var instructor = TinyWorlds.Generate(ExposureMode.ResearchInstructor);
        var publicDescriptor = instructor.Descriptor with { ExposureMode = ExposureMode.StudentPublic };

        var ex = Assert.Throws<ArgumentException>(
            () => _ = new WorldBundle(publicDescriptor, instructor.Config, instructor.Tables, instructor.Tasks, "card", instructor.FeatureDictionary, instructor.Truth))!;
        Assert.That((ex.ParamName, ex.Message), Is.EqualTo(("truth", "A student_public bundle must not carry the hidden truth. (Parameter 'truth')")));

        var cardless = new WorldBundle(publicDescriptor, instructor.Config, instructor.Tables, instructor.Tasks, null!, instructor.FeatureDictionary, null);
        Assert.That((cardless.DatasetCard, cardless.Exports.Count), Is.EqualTo((string.Empty, 0)));
        Assert.That(() => new WorldBundle(null!, instructor.Config, [], [], "", [], null), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("descriptor"));
        Assert.That(() => new WorldBundle(publicDescriptor, null!, [], [], "", [], null), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("config"));
    }

    [Test]
    public void Descriptors_are_equal_only_when_every_field_is()
    {
        var same = Descriptor with { Population = new Dictionary<string, int> { ["accounts"] = 3, ["leads"] = 9 } };

        Assert.Multiple(() =>
        {
            Assert.That(same, Is.EqualTo(Descriptor), "the population is compared by value");
            Assert.That(same.GetHashCode(), Is.EqualTo(Descriptor.GetHashCode()));
            Assert.That(Descriptor with { Scheme = "other" }, Is.Not.EqualTo(Descriptor), "scheme");
            Assert.That(Descriptor with { RecipeId = "other" }, Is.Not.EqualTo(Descriptor), "recipe");
            Assert.That(Descriptor with { Seed = 8 }, Is.Not.EqualTo(Descriptor), "seed");
            Assert.That(Descriptor with { ExposureMode = ExposureMode.StudentPublic }, Is.Not.EqualTo(Descriptor), "mode");
            Assert.That(Descriptor with { Difficulty = Difficulty.Advanced }, Is.Not.EqualTo(Descriptor), "tier");
            Assert.That(Descriptor with { Population = new Dictionary<string, int> { ["accounts"] = 3, ["leads"] = 10 } }, Is.Not.EqualTo(Descriptor), "a count");
            Assert.That(Descriptor with { Population = new Dictionary<string, int> { ["leads"] = 9, ["accounts"] = 3 } }, Is.Not.EqualTo(Descriptor), "the entity order");
            Assert.That(Descriptor with { ConfigHash = "other" }, Is.Not.EqualTo(Descriptor), "config hash");
            Assert.That(Descriptor with { PackageVersion = "2.0.0" }, Is.Not.EqualTo(Descriptor), "version");
            Assert.That(Descriptor with { Shard = new ShardSpec(0, 2) }, Is.Not.EqualTo(Descriptor), "shard");
            var sharded = Descriptor with { Shard = new ShardSpec(0, 2) };
            Assert.That(sharded with { Population = same.Population }, Is.EqualTo(sharded), "equal shards");
            Assert.That(Descriptor.Equals(null), Is.False);
        });
    }
}
