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

    /// <summary>The largest count of any entity accepted without <see cref="AllowLargePopulation"/>.</summary>
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

    /// <summary>
    /// The population to generate: entity name (e.g. <c>leads</c>) → count, one entry per entity the
    /// scheme declares. The recipe's default population unless overridden.
    /// </summary>
    /// <value>The recipe's <see cref="Recipe.DefaultPopulation"/>.</value>
    public IReadOnlyDictionary<string, int> Population { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, int>.Empty;

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

    /// <summary>The count of one entity of <see cref="Population"/>.</summary>
    /// <param name="entity">The entity name, e.g. <c>leads</c>.</param>
    /// <returns>The count.</returns>
    /// <exception cref="InvalidOperationException">The population has no such entity (a scheme defect: the resolved population holds every declared entity).</exception>
    public int CountOf(string entity) =>
        Population.TryGetValue(entity, out var count)
            ? count
            : throw new InvalidOperationException($"The population has no entity '{entity}' (it has {string.Join(", ", Population.Keys)}).");

    internal JsonObject ToJsonNode() => ConfigWriter.ToJson(this);

    /// <inheritdoc />
    public void Validate(SettingsValidationScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!Recipe.SupportedModes.Contains(ExposureMode))
        {
            scope.Fail(
                ConfigKey.Of<GenerationConfig>(nameof(ExposureMode)),
                $"'{ExposureMode.ToWire()}' is not supported by recipe '{Recipe.Id}' (supported: {string.Join(", ", Recipe.SupportedModes.Select(m => m.ToWire()))})");
        }

        if (!Recipe.SupportedDifficulties.Contains(Difficulty))
        {
            scope.Fail(
                ConfigKey.Of<GenerationConfig>(nameof(Difficulty)),
                $"'{Difficulty.ToWire()}' is not supported by recipe '{Recipe.Id}' (supported: {string.Join(", ", Recipe.SupportedDifficulties.Select(m => m.ToWire()))})");
        }
    }
}
