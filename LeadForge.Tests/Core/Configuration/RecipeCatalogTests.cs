using LeadForge.Configuration;
using LeadForge.Schemes;
using LeadForge.Tests.Rendering;
using LeadForge.Tests.TestSupport;

namespace LeadForge.Tests.Core.Configuration;

/// <summary>
/// The recipe catalog's own promises: sorted listings, errors that list what is known, a missing or
/// unknown scheme located in the recipe, the size bound at exactly its limit, and registration of
/// schemes and recipes from code (the catalog is process-wide, so registered ids are unique to this fixture).
/// </summary>
public sealed class RecipeCatalogTests
{
    private const string Tiny = "tiny_world_v1";

    private ScratchFolder _scratch = null!;

    [SetUp]
    public void SetUp() => _scratch = new ScratchFolder();

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public void Listings_are_sorted_by_id()
    {
        var ids = RecipeCatalog.Ids;
        var listed = RecipeCatalog.List().Select(r => r.Id).ToArray();

        Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(listed, Is.EqualTo(ids));
        Assert.That(ids, Is.SupersetOf(new[] { "b2b_saas_procurement_v1", Tiny }));
    }

    [Test]
    public void An_unknown_recipe_id_lists_the_known_ones_in_order()
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeCatalog.Get("no_such_world_v1"))!;

        Assert.That(ex.Message, Is.EqualTo($"Unknown recipe id 'no_such_world_v1'. Known recipes: {string.Join(", ", RecipeCatalog.Ids)}."));
        Assert.That(RecipeCatalog.Contains("no_such_world_v1"), Is.False);
        Assert.That(RecipeCatalog.Contains(Tiny), Is.True);
    }

    [Test]
    public void An_unknown_scheme_is_reported_at_its_value_with_the_known_schemes_in_order()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => RecipeCatalog.Parse("id: x_v1\nscheme:   nope\n", "r.yaml"))!;

        var problem = ex.Problems.Single();
        Assert.That((problem.KeyPath, problem.Location, problem.Line, problem.Column), Is.EqualTo(("scheme", "r.yaml", (int?)2, (int?)11)));
        Assert.That(problem.Message, Does.StartWith("Unknown scheme 'nope'. Known schemes: "));
        var known = problem.Message["Unknown scheme 'nope'. Known schemes: ".Length..].TrimEnd('.').Split(", ");
        Assert.That(known, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal).And.SupersetOf(new[] { "lead_scoring", TinyScheme.SchemeName }));
    }

    [Test]
    public void A_recipe_without_a_scheme_is_reported_at_its_first_line()
    {
        var ex = Assert.Throws<ConfigValidationException>(() => RecipeCatalog.Parse("id: x_v1\ntitle: t\n", "r.yaml"))!;

        var problem = ex.Problems.Single();
        Assert.That((problem.KeyPath, problem.Location, problem.Line, problem.Column), Is.EqualTo(("scheme", "r.yaml", (int?)1, (int?)1)));
        Assert.That(problem.Message, Does.StartWith("is required but missing"));
    }

    [Test]
    public void A_file_of_exactly_the_size_limit_is_read()
    {
        var path = Path.Combine(_scratch.Root, "limit.yaml");
        var head = "seed: 1\n# ";
        File.WriteAllText(path, head + new string('x', YamlConfigReader.MaxChars - head.Length - 1) + "\n");
        Assert.That(new FileInfo(path).Length, Is.EqualTo(YamlConfigReader.MaxChars));

        var (tree, location) = RecipeCatalog.ReadFile(path);

        Assert.That(location, Is.EqualTo(path));
        Assert.That(tree.TryGet("seed", out _), Is.True);
    }

    [Test]
    public void A_missing_file_names_the_path()
    {
        var path = Path.Combine(_scratch.Root, "absent.yaml");

        var ex = Assert.Throws<RecipeException>(() => RecipeCatalog.LoadFile(path))!;

        Assert.That((ex.Message, ex.Location), Is.EqualTo(($"File '{path}' does not exist.", path)));
    }

    [Test]
    public void A_recipe_registered_from_code_is_found_by_id_and_listed_with_its_source()
    {
        var recipe = TinyRecipe("catalog_test_registered_v1", "Registered from code");

        RecipeCatalog.Register(recipe);

        Assert.That(RecipeCatalog.Contains(recipe.Id), Is.True);
        Assert.That(RecipeCatalog.Get(recipe.Id).Title, Is.EqualTo("Registered from code"));
        var info = RecipeCatalog.List().Single(r => r.Id == recipe.Id);
        Assert.That((info.Scheme, info.Source, info.PrimaryTask), Is.EqualTo((TinyScheme.SchemeName, "registered:" + recipe.Id, TinyScheme.Conversion.Id)));

        RecipeCatalog.Register(TinyRecipe(recipe.Id, "Registered again"));
        Assert.That(RecipeCatalog.Get(recipe.Id).Title, Is.EqualTo("Registered again"), "registering an id again replaces it");
    }

    [Test]
    public void Registering_the_same_scheme_again_is_harmless_and_a_different_one_under_its_name_is_refused()
    {
        var before = RecipeCatalog.GetScheme(TinyScheme.SchemeName);

        RecipeCatalog.Register(new TinyScheme());

        Assert.That(RecipeCatalog.GetScheme(TinyScheme.SchemeName), Is.SameAs(before), "the first registration stays");
        var ex = Assert.Throws<ArgumentException>(() => RecipeCatalog.Register(new ImpostorScheme()))!;
        Assert.That(ex.Message, Does.Contain($"A different scheme named '{TinyScheme.SchemeName}'").And.Contain(typeof(TinyScheme).FullName!));
        Assert.That(() => RecipeCatalog.Register((IGenerationScheme)null!), Throws.ArgumentNullException);
        Assert.That(() => RecipeCatalog.Register((Recipe)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void A_scheme_whose_settings_are_not_world_settings_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => RecipeCatalog.Register(new UnsettledScheme()))!;

        Assert.That(ex.Message, Does.Contain("Scheme 'catalog_test_unsettled' settings type must derive from WorldSettings"));
        Assert.That(() => RecipeCatalog.GetScheme("catalog_test_unsettled"), Throws.InstanceOf<RecipeException>(), "a refused scheme is not registered");
    }

    private static Recipe TinyRecipe(string id, string title)
    {
        var text = File.ReadAllText(RepositoryPaths.Of("LeadForge.Tests", "TestSupport", "TinyWorld", "Recipes", Tiny + ".yaml"));
        return RecipeCatalog.Parse(text.Replace("id: " + Tiny, "id: " + id, StringComparison.Ordinal).Replace("title: Tiny test world", "title: " + title, StringComparison.Ordinal));
    }

    /// <summary>A scheme that claims the tiny scheme's name.</summary>
    private sealed class ImpostorScheme : DelegatingScheme
    {
        public override string Name => TinyScheme.SchemeName;
    }

    /// <summary>A scheme whose settings type is not a <see cref="WorldSettings"/>.</summary>
    private sealed class UnsettledScheme : DelegatingScheme
    {
        public override string Name => "catalog_test_unsettled";

        public override Type SettingsType => typeof(string);
    }

    /// <summary>Everything of the tiny scheme but its name (and, for a subclass, its settings type).</summary>
    private abstract class DelegatingScheme : IGenerationScheme
    {
        private static readonly TinyScheme Inner = new();

        public abstract string Name { get; }

        public virtual Type SettingsType => Inner.SettingsType;

        public IReadOnlyList<EntityDefinition> Entities => Inner.Entities;

        public IReadOnlyList<TaskDefinition> Tasks => Inner.Tasks;

        public void ValidateConfig(GenerationConfig config, SettingsValidationScope scope) => Inner.ValidateConfig(config, scope);

        public WorldBundle Generate(GenerationContext context) => Inner.Generate(context);
    }
}
