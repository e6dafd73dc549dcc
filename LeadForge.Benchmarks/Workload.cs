using LeadForge.Configuration;

namespace LeadForge.Benchmarks;

/// <summary>
/// The world every benchmark measures: the default recipe (intermediate tier, student exposure),
/// seed 42, with accounts and contacts scaled with the lead count at the recipe's ratio, as
/// <c>leadforge generate --n-leads</c> does, so the figures compare with whole-process runs.
/// </summary>
internal static class Workload
{
    /// <summary>The recipe.</summary>
    public const string Recipe = "b2b_saas_procurement_v1";

    /// <summary>The root seed.</summary>
    public const long Seed = 42;

    /// <summary>A builder for <paramref name="leads"/> leads (accounts and contacts follow them in the recipe's proportions).</summary>
    public static GeneratorBuilder Builder(int leads) => Generator.FromRecipe(Recipe).WithSeed(Seed).WithLeads(leads);

    /// <summary>The resolved configuration for <paramref name="leads"/> leads.</summary>
    public static GenerationConfig Config(int leads) => Builder(leads).ResolveConfig();

    /// <summary>The generated bundle for <paramref name="leads"/> leads.</summary>
    public static WorldBundle Generate(int leads) => Builder(leads).Generate();
}
