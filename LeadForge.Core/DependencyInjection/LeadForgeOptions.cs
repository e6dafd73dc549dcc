using System.ComponentModel.DataAnnotations;

namespace LeadForge.DependencyInjection;

/// <summary>
/// Options for generators created through dependency injection
/// (<see cref="ServiceCollectionExtensions.AddLeadForge(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{LeadForgeOptions}?)"/>).
/// Bindable from an <c>IConfiguration</c> section such as <c>"LeadForge"</c>.
/// </summary>
public sealed class LeadForgeOptions
{
    /// <summary>The conventional configuration section name, <c>LeadForge</c>.</summary>
    public const string SectionName = "LeadForge";

    /// <summary>The recipe id (see <see cref="Configuration.RecipeCatalog"/>) or a recipe file path.</summary>
    /// <value>Empty by default: required (options validation fails on start without it).</value>
    [Required(AllowEmptyStrings = false)]
    public string RecipeId { get; set; } = string.Empty;

    /// <summary>The root seed.</summary>
    /// <value>42 by default.</value>
    public long Seed { get; set; } = 42;

    /// <summary>What generated bundles reveal.</summary>
    /// <value><see cref="LeadForge.ExposureMode.StudentPublic"/> by default.</value>
    [EnumDataType(typeof(ExposureMode))]
    public ExposureMode ExposureMode { get; set; } = ExposureMode.StudentPublic;

    /// <summary>The difficulty tier.</summary>
    /// <value><see cref="LeadForge.Difficulty.Intermediate"/> by default.</value>
    [EnumDataType(typeof(Difficulty))]
    public Difficulty Difficulty { get; set; } = Difficulty.Intermediate;

    /// <summary>
    /// Entity counts to generate (e.g. <c>leads</c> → 1000), each replacing the recipe's default; bindable
    /// from configuration as <c>LeadForge:Population:leads</c>. Entities not given follow the scheme's
    /// driver entity in the recipe's proportions when the driver is given. Names and counts are checked
    /// against the scheme when a generator resolves its configuration.
    /// </summary>
    /// <value>Empty by default (the recipe's population).</value>
    public Dictionary<string, int> Population { get; set; } = new(StringComparer.Ordinal);

    /// <summary>An override file (YAML or JSON) applied to every generator, or <see langword="null"/> for none.</summary>
    /// <value><see langword="null"/> by default.</value>
    public string? OverridesPath { get; set; }

    /// <summary>The maximum number of threads, or <see langword="null"/> for the processor count.</summary>
    /// <value><see langword="null"/> by default.</value>
    [Range(1, 4096)]
    public int? DegreeOfParallelism { get; set; }
}
