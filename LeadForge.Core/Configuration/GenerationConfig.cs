using System.Text.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadForge.Configuration;

/// <summary>
/// The fully resolved configuration of one generation run: run settings plus the complete recipe
/// after overrides. Written into every bundle; regenerating from it reproduces the bundle.
/// </summary>
/// <remarks>
/// Precedence, highest first: explicit builder calls, override file (YAML or JSON), recipe
/// defaults, package defaults (the initial values documented here).
/// </remarks>
public sealed class GenerationConfig : IValidatableSettings
{
    private string? _hash;

    /// <summary>The largest lead, contact or account count accepted without <see cref="AllowLargePopulation"/>.</summary>
    public const int LargePopulationThreshold = 2_000_000;

    /// <summary>The root seed.</summary>
    /// <value>42 by default.</value>
    public long Seed { get; init; } = 42;

    /// <summary>What the bundle reveals.</summary>
    /// <value><see cref="ExposureMode.StudentPublic"/> by default.</value>
    public ExposureMode ExposureMode { get; init; } = ExposureMode.StudentPublic;

    /// <summary>The difficulty tier.</summary>
    /// <value><see cref="Difficulty.Intermediate"/> by default.</value>
    public Difficulty Difficulty { get; init; } = Difficulty.Intermediate;

    /// <summary>The population to generate (the recipe's default population unless overridden).</summary>
    /// <value>The recipe's <see cref="Recipe.DefaultPopulation"/>.</value>
    public PopulationSize Population { get; init; } = new();

    /// <summary>Allows populations above <see cref="LargePopulationThreshold"/> (a guard against typos such as an extra zero).</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool AllowLargePopulation { get; init; }

    /// <summary>The complete recipe after overrides; its keys sit at the top level of the config document.</summary>
    [ConfigFlatten]
    public Recipe Recipe { get; init; } = null!;

    /// <summary>The world calendar of this run.</summary>
    [ConfigIgnore]
    public Calendar.WorldCalendar Calendar => new(Recipe.StartDate);

    /// <summary>The resolved configuration as an indented JSON document (the format of override files).</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonConfig.ToJsonText(ToJsonNode());

    /// <summary>The SHA-256 (lower-case hex) of the canonical JSON form (sorted keys, no white space).</summary>
    /// <returns>The hash.</returns>
    /// <remarks>The config is immutable once built, so the hash is computed once and remembered.</remarks>
    public string ComputeHash() =>
        _hash ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonConfig.ToCanonicalJson(ToJsonNode()))));

    /// <summary>
    /// The hash <see cref="ComputeHash()"/> gives, computed from a resolved config document as written
    /// in a bundle's manifest, so a reader can check that the recorded document and hash agree.
    /// </summary>
    /// <param name="resolvedConfig">The resolved config document (a JSON object).</param>
    /// <returns>The SHA-256 (lower-case hex) of its canonical JSON form.</returns>
    public static string ComputeHash(JsonElement resolvedConfig) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonConfig.ToCanonicalJson(JsonNode.Parse(resolvedConfig.GetRawText())!))));

    internal JsonObject ToJsonNode() => ConfigWriter.ToJson(this);

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!Recipe.SupportedModes.Contains(ExposureMode))
        {
            scope.Fail("exposure_mode", $"'{ExposureMode.ToWire()}' is not supported by recipe '{Recipe.Id}' (supported: {string.Join(", ", Recipe.SupportedModes.Select(m => m.ToWire()))})");
        }

        if (!Recipe.SupportedDifficulties.Contains(Difficulty))
        {
            scope.Fail("difficulty", $"'{Difficulty.ToWire()}' is not supported by recipe '{Recipe.Id}' (supported: {string.Join(", ", Recipe.SupportedDifficulties.Select(m => m.ToWire()))})");
        }

        if (!AllowLargePopulation)
        {
            foreach (var (key, value) in new[] { ("accounts", Population.Accounts), ("contacts", Population.Contacts), ("leads", Population.Leads), ("customers", Population.Customers) })
            {
                scope.Require(
                    value <= LargePopulationThreshold,
                    "population." + key,
                    $"{value:N0} is above the {LargePopulationThreshold:N0} guard; set allow_large_population: true (or AllowLargePopulation() on the builder) for huge runs");
            }
        }
    }
}
