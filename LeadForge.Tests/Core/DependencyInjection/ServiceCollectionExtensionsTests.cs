using System.Collections.Concurrent;
using LeadForge.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadForge.Tests.Core.DependencyInjection;

public class ServiceCollectionExtensionsTests
{
    private const string Tiny = "tiny_world_v1";

    // What a host does on start when options use ValidateOnStart().
    private static void StartupValidate(IServiceProvider provider) =>
        provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None).GetAwaiter().GetResult();

    private static string LeadsHash(WorldBundle bundle) => bundle.Tables["leads"].ComputeContentHash();

    [Test]
    public void Options_have_the_documented_defaults()
    {
        var o = new LeadForgeOptions();
        Assert.That(o.RecipeId, Is.Empty, "required: no scheme's recipe is the default");
        Assert.That(o.Seed, Is.EqualTo(42));
        Assert.That(o.ExposureMode, Is.EqualTo(ExposureMode.StudentPublic));
        Assert.That(o.Difficulty, Is.EqualTo(Difficulty.Intermediate));
        Assert.That(o.Population, Is.Empty);
        Assert.That(o.OverridesPath, Is.Null);
        Assert.That(o.DegreeOfParallelism, Is.Null);
    }

    [Test]
    public void Factory_applies_configured_options()
    {
        var services = new ServiceCollection();
        services.AddLeadForge(o =>
        {
            o.RecipeId = Tiny;
            o.Seed = 7;
            o.Difficulty = Difficulty.Advanced;
            o.Population["leads"] = 50;
            o.Population["accounts"] = 5;
            o.DegreeOfParallelism = 2;
        });
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var factory = provider.GetRequiredService<ILeadForgeGeneratorFactory>();
        Assert.That(provider.GetRequiredService<ILeadForgeGeneratorFactory>(), Is.SameAs(factory));

        var bundle = factory.Create().Generate();
        var expected = Generator.FromRecipe(Tiny).WithSeed(7).WithDifficulty(Difficulty.Advanced).WithLeads(50).WithAccounts(5).Generate();
        Assert.That(bundle.Descriptor.ConfigHash, Is.EqualTo(expected.Descriptor.ConfigHash));
        Assert.That(LeadsHash(bundle), Is.EqualTo(LeadsHash(expected)));
        Assert.That(bundle.Tables["leads"].RowCount, Is.EqualTo(50));

        // Each Create() is a fresh builder; builder calls take precedence over the options.
        var again = factory.Create().WithSeed(8).Generate();
        Assert.That(again.Descriptor.Seed, Is.EqualTo(8));
        Assert.That(again.Descriptor.Difficulty, Is.EqualTo(Difficulty.Advanced));
    }

    [Test]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LeadForge:RecipeId"] = Tiny,
            ["LeadForge:Seed"] = "9",
            ["LeadForge:ExposureMode"] = "ResearchInstructor",
            ["LeadForge:Difficulty"] = "Intro",
            ["LeadForge:Population:leads"] = "60",
            ["LeadForge:Population:accounts"] = "6",
            ["LeadForge:DegreeOfParallelism"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddLeadForge(configuration.GetSection(LeadForgeOptions.SectionName));
        using var provider = services.BuildServiceProvider();
        StartupValidate(provider);

        var options = provider.GetRequiredService<IOptions<LeadForgeOptions>>().Value;
        Assert.That(options.RecipeId, Is.EqualTo(Tiny));
        Assert.That(options.Seed, Is.EqualTo(9));
        Assert.That(options.ExposureMode, Is.EqualTo(ExposureMode.ResearchInstructor));
        Assert.That(options.Difficulty, Is.EqualTo(Difficulty.Intro));
        Assert.That(options.Population["leads"], Is.EqualTo(60));
        Assert.That(options.DegreeOfParallelism, Is.EqualTo(3));

        var bundle = provider.GetRequiredService<ILeadForgeGeneratorFactory>().Create().Generate();
        Assert.That(bundle.Descriptor.Seed, Is.EqualTo(9));
        Assert.That(bundle.Descriptor.ExposureMode, Is.EqualTo(ExposureMode.ResearchInstructor));
        Assert.That(bundle.Truth, Is.Not.Null);
        Assert.That(bundle.Tables["leads"].RowCount, Is.EqualTo(60));
        Assert.That(bundle.Tables["accounts"].RowCount, Is.EqualTo(6));
    }

    [Test]
    public void Invalid_data_annotations_fail_on_start_with_a_clear_message()
    {
        var services = new ServiceCollection();
        services.AddLeadForge(o =>
        {
            o.RecipeId = Tiny;
            o.Population["leads"] = 0;
            o.DegreeOfParallelism = 0;
        });
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => StartupValidate(provider))!;
        Assert.That(ex.Message, Does.Contain("DegreeOfParallelism"));
    }

    [Test]
    public void A_population_the_scheme_does_not_have_fails_on_start_with_the_generators_messages()
    {
        var services = new ServiceCollection();
        services.AddLeadForge(o =>
        {
            o.RecipeId = Tiny;
            o.Population["leads"] = 0;
            o.Population["customers"] = 10;
        });
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => StartupValidate(provider))!;
        Assert.That(ex.Message, Does.Contain("population.leads: 0 must be a positive count")
            .And.Contain("population.customers: unknown key 'customers': not an entity of scheme 'tiny'"));
        Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<ILeadForgeGeneratorFactory>().Create());
    }

    [Test]
    public void Unknown_recipe_fails_on_start_listing_known_recipes()
    {
        var services = new ServiceCollection();
        services.AddLeadForge(o => o.RecipeId = "no_such_world_v1");
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => StartupValidate(provider))!;
        Assert.That(ex.Message, Does.Contain("no_such_world_v1").And.Contain("Known recipes").And.Contain(Tiny));
    }

    [Test]
    public void Empty_recipe_id_and_missing_override_file_fail_on_start()
    {
        var services = new ServiceCollection();
        services.AddLeadForge(o =>
        {
            o.RecipeId = "";
            o.OverridesPath = "/nonexistent/overrides.yaml";
        });
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => StartupValidate(provider))!;
        Assert.That(ex.Message, Does.Contain("RecipeId").And.Contain("/nonexistent/overrides.yaml"));
    }

    [Test]
    public void Override_file_from_options_is_applied()
    {
        var path = Path.Combine(Path.GetTempPath(), "leadforge-di-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, "seed: 123\nconversion_rate: 0.9\n");
        try
        {
            var services = new ServiceCollection();
            services.AddLeadForge(o =>
            {
                o.RecipeId = Tiny;
                o.OverridesPath = path;
            });
            using var provider = services.BuildServiceProvider();
            StartupValidate(provider);
            var config = provider.GetRequiredService<ILeadForgeGeneratorFactory>().Create().ResolveConfig();
            Assert.That(config.Seed, Is.EqualTo(42), "the options' seed is a builder call and wins over the file");
            Assert.That(((TestSupport.TinySettings)config.Recipe.World).ConversionRate, Is.EqualTo(0.9));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Registered_logger_factory_receives_stage_events()
    {
        var sink = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
        services.AddLeadForge(o => o.RecipeId = Tiny);
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<ILeadForgeGeneratorFactory>().Create().Generate();
        Assert.That(sink.Messages, Has.Some.Contains("Stage Plan started"));
        Assert.That(sink.Messages, Has.Some.Contains("Stage Render finished"));
        Assert.That(sink.Categories, Does.Contain("LeadForge.Generator"));
    }

    [Test]
    public void AddLeadForge_is_idempotent_for_the_factory()
    {
        var services = new ServiceCollection();
        services.AddLeadForge(o => o.RecipeId = Tiny);
        services.AddLeadForge(o => o.Seed = 5);
        Assert.That(services.Count(d => d.ServiceType == typeof(ILeadForgeGeneratorFactory)), Is.EqualTo(1));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<LeadForgeOptions>>().Value;
        Assert.That((options.RecipeId, options.Seed), Is.EqualTo((Tiny, 5L)), "both configure actions apply");
    }

    [Test]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => ServiceCollectionExtensions.AddLeadForge(null!));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddLeadForge((IConfiguration)null!));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ConcurrentQueue<string> Categories { get; } = new();

        public ILogger CreateLogger(string categoryName)
        {
            Categories.Enqueue(categoryName);
            return new CapturingLogger(this);
        }

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception));
        }
    }
}
