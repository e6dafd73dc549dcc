using LeadForge.Configuration;

namespace LeadForge.Schemes;

/// <summary>
/// A generation scheme: turns a resolved configuration into a <see cref="WorldBundle"/>.
/// Derive from <see cref="GenerationScheme{TSettings, TPlan, TWorld, TSimulation}"/>, which fixes the
/// stage order plan → build world → simulate → render.
/// </summary>
/// <remarks>
/// A scheme assembly announces its schemes with <see cref="GenerationSchemeAttribute"/> and embeds
/// its recipes as resources named <c>LeadForge.Recipes.&lt;id&gt;.yaml</c>; <see cref="RecipeCatalog"/>
/// finds both with no registration code. Register others with <see cref="RecipeCatalog.Register(IGenerationScheme)"/>.
/// </remarks>
public interface IGenerationScheme
{
    /// <summary>The scheme name used by recipes' <c>scheme</c> key, e.g. <c>lead_scoring</c>.</summary>
    string Name { get; }

    /// <summary>The scheme's typed recipe settings (a subclass of <see cref="WorldSettings"/> with a public parameterless constructor).</summary>
    Type SettingsType { get; }

    /// <summary>
    /// The entities the scheme counts in its population, exactly one of them the driver. A run's
    /// population must give a count for each of them and for nothing else.
    /// </summary>
    IReadOnlyList<EntityDefinition> Entities { get; }

    /// <summary>
    /// The tasks every bundle of the scheme holds, in order; the first is the primary task. Each
    /// task's windows and split are recipe settings of the scheme (its <c>tasks</c> section).
    /// </summary>
    IReadOnlyList<TaskDefinition> Tasks { get; }

    /// <summary>Checks rules that involve both the run settings and the recipe (e.g. population ratios).</summary>
    /// <param name="config">The resolved configuration.</param>
    /// <param name="scope">Where to report problems.</param>
    void ValidateConfig(GenerationConfig config, SettingsValidationScope scope);

    /// <summary>Runs every stage and returns the bundle.</summary>
    /// <param name="context">The run context.</param>
    /// <returns>The bundle.</returns>
    WorldBundle Generate(GenerationContext context);
}

/// <summary>
/// Base class of a scheme with the explicit stages of the scheme contract. Work must be
/// partitioned by account (or the scheme's top-level entity) so a shard can be produced alone;
/// anything coupling partitions is computed in <see cref="Plan"/>.
/// </summary>
/// <typeparam name="TSettings">The recipe settings.</typeparam>
/// <typeparam name="TPlan">The population plan: ids, arrival times, every cross-entity quantity.</typeparam>
/// <typeparam name="TWorld">The hidden world (structure and per-entity latents).</typeparam>
/// <typeparam name="TSimulation">The simulated events.</typeparam>
public abstract class GenerationScheme<TSettings, TPlan, TWorld, TSimulation> : IGenerationScheme
    where TSettings : WorldSettings, new()
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public Type SettingsType => typeof(TSettings);

    /// <inheritdoc />
    public abstract IReadOnlyList<EntityDefinition> Entities { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<TaskDefinition> Tasks { get; }

    /// <inheritdoc />
    public virtual void ValidateConfig(GenerationConfig config, SettingsValidationScope scope)
    {
    }

    /// <inheritdoc />
    public WorldBundle Generate(GenerationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = (TSettings)context.Config.Recipe.World;
        var plan = context.RunStage(GenerationStage.Plan, () => Plan(context, settings));
        var world = context.RunStage(GenerationStage.BuildWorld, () => BuildWorld(context, settings, plan));
        var simulation = context.RunStage(GenerationStage.Simulate, () => Simulate(context, settings, plan, world));
        var bundle = context.RunStage(GenerationStage.Render, () => Render(context, settings, plan, world, simulation));
        CheckDeclaredTasks(bundle);
        return bundle;
    }

    /// <summary>A bundle must hold exactly the declared tasks, in order, as declared: anything else is a defect of the scheme.</summary>
    /// <exception cref="InvalidOperationException">The rendered tasks differ from <see cref="Tasks"/>.</exception>
    private void CheckDeclaredTasks(WorldBundle bundle)
    {
        var declared = Tasks;
        var rendered = bundle.Tasks;
        for (var i = 0; i < Math.Max(declared.Count, rendered.Count); i++)
        {
            if (i >= declared.Count || i >= rendered.Count || !declared[i].Describes(rendered[i].Manifest))
            {
                var what = i >= rendered.Count ? "did not render it" : $"rendered '{rendered[i].Id}' ({rendered[i].Manifest.TaskType}, {rendered[i].Manifest.PrimaryTable}) instead";
                throw new InvalidOperationException(
                    $"Scheme '{Name}' declares task {(i < declared.Count ? $"'{declared[i].Id}'" : "(none)")} at position {i} but {what}; a scheme renders exactly its declared tasks.");
            }
        }
    }

    /// <summary>Plans the population deterministically and cheaply (ids, arrival dates, segments, assignments).</summary>
    /// <param name="context">The run context.</param>
    /// <param name="settings">The recipe settings.</param>
    /// <returns>The plan.</returns>
    protected abstract TPlan Plan(GenerationContext context, TSettings settings);

    /// <summary>Builds the hidden world: structure and per-entity latent values.</summary>
    /// <param name="context">The run context.</param>
    /// <param name="settings">The recipe settings.</param>
    /// <param name="plan">The plan.</param>
    /// <returns>The world.</returns>
    protected abstract TWorld BuildWorld(GenerationContext context, TSettings settings, TPlan plan);

    /// <summary>Runs the world forward and records events. Identical for every exposure mode.</summary>
    /// <param name="context">The run context.</param>
    /// <param name="settings">The recipe settings.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="world">The world.</param>
    /// <returns>The simulation result.</returns>
    protected abstract TSimulation Simulate(GenerationContext context, TSettings settings, TPlan plan, TWorld world);

    /// <summary>Renders tables, tasks and exposure into a bundle.</summary>
    /// <param name="context">The run context.</param>
    /// <param name="settings">The recipe settings.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="world">The world.</param>
    /// <param name="simulation">The simulation result.</param>
    /// <returns>The bundle.</returns>
    protected abstract WorldBundle Render(GenerationContext context, TSettings settings, TPlan plan, TWorld world, TSimulation simulation);
}

/// <summary>Announces the generation schemes of an assembly so recipes find them by name with no registration code.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GenerationSchemeAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="schemeType">A type implementing <see cref="IGenerationScheme"/> with a public parameterless constructor.</param>
    public GenerationSchemeAttribute(Type schemeType) => SchemeType = schemeType;

    /// <summary>The scheme type.</summary>
    public Type SchemeType { get; }
}
