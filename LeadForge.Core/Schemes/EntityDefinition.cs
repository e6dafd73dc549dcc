using System.Text.RegularExpressions;

namespace LeadForge.Schemes;

/// <summary>
/// One kind of entity a scheme generates and counts in its population (e.g. <c>leads</c>,
/// <c>accounts</c>, <c>customers</c>). The population of a run is an entity → count map keyed by
/// <see cref="Name"/>; exactly one entity of a scheme is its <see cref="IsDriver">driver</see>, the one
/// the other counts follow (in the recipe's default proportions) when only the driver is set.
/// </summary>
public sealed partial record EntityDefinition
{
    /// <summary>Declares an entity.</summary>
    /// <param name="name">The population key: plural snake_case, e.g. <c>leads</c>.</param>
    /// <param name="idPrefix">The prefix of the entity's ids, e.g. <c>lead</c> for <c>lead_000001</c>.</param>
    /// <param name="description">What one entity is, for help texts and the dataset card.</param>
    /// <exception cref="ArgumentException">A name or prefix is not lower-case snake_case.</exception>
    public EntityDefinition(string name, string idPrefix, string description)
    {
        if (!SnakeCase().IsMatch(name ?? string.Empty))
        {
            throw new ArgumentException($"Entity name '{name}' must be lower-case snake_case.", nameof(name));
        }

        if (!SnakeCase().IsMatch(idPrefix ?? string.Empty))
        {
            throw new ArgumentException($"Id prefix '{idPrefix}' of entity '{name}' must be lower-case snake_case.", nameof(idPrefix));
        }

        Name = name!;
        IdPrefix = idPrefix!;
        Description = description ?? string.Empty;
    }

    /// <summary>The population key, e.g. <c>leads</c>.</summary>
    public string Name { get; }

    /// <summary>The id prefix, e.g. <c>lead</c>.</summary>
    public string IdPrefix { get; }

    /// <summary>What one entity is.</summary>
    public string Description { get; }

    /// <summary>Whether the other counts follow this one when only it is set.</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool IsDriver { get; init; }

    /// <summary>
    /// The smallest count of this entity for which the scheme's bundle passes its own validation;
    /// a smaller count is a configuration error naming this bound and <see cref="MinimumReason"/>.
    /// </summary>
    /// <value>1 by default.</value>
    public int MinimumCount { get; init; } = 1;

    /// <summary>Why <see cref="MinimumCount"/> is what it is (shown in the error).</summary>
    /// <value>Empty by default.</value>
    public string MinimumReason { get; init; } = string.Empty;

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
