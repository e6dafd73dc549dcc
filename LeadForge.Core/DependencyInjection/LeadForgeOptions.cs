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
    /// <value><c>b2b_saas_procurement_v1</c> by default.</value>
    [Required(AllowEmptyStrings = false)]
    public string RecipeId { get; set; } = "b2b_saas_procurement_v1";

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

    /// <summary>The number of leads, or <see langword="null"/> for the recipe's default.</summary>
    /// <value><see langword="null"/> by default.</value>
    [Range(1, int.MaxValue)]
    public int? Leads { get; set; }

    /// <summary>The number of accounts, or <see langword="null"/> for the recipe's default (in proportion to <see cref="Leads"/> when that is set).</summary>
    /// <value><see langword="null"/> by default.</value>
    [Range(1, int.MaxValue)]
    public int? Accounts { get; set; }

    /// <summary>The number of contacts, or <see langword="null"/> for the recipe's default (in proportion to <see cref="Leads"/> when that is set).</summary>
    /// <value><see langword="null"/> by default.</value>
    [Range(1, int.MaxValue)]
    public int? Contacts { get; set; }

    /// <summary>An override file (YAML or JSON) applied to every generator, or <see langword="null"/> for none.</summary>
    /// <value><see langword="null"/> by default.</value>
    public string? OverridesPath { get; set; }

    /// <summary>The maximum number of threads, or <see langword="null"/> for the processor count.</summary>
    /// <value><see langword="null"/> by default.</value>
    [Range(1, 4096)]
    public int? DegreeOfParallelism { get; set; }
}
