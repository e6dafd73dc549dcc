namespace LeadForge.Configuration;

/// <summary>Names the recipe/override key of a settings property when the snake_case default will not do.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigKeyAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">The key as written in YAML/JSON.</param>
    public ConfigKeyAttribute(string key) => Key = key;

    /// <summary>The key as written in YAML/JSON.</summary>
    public string Key { get; }
}

/// <summary>Excludes a property from configuration binding and from the resolved config.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ConfigIgnoreAttribute : Attribute
{
}

/// <summary>Binds a nested settings object's keys at its parent's level instead of under its own key.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ConfigFlattenAttribute : Attribute
{
}

/// <summary>
/// Names a key a settings class used to have, so a recipe or override that still writes it gets a
/// precise error (where it went, or why it went) instead of a bare "unknown key".
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ConfigMovedKeyAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">The former key, as written in YAML/JSON at this class's level.</param>
    /// <param name="movedTo">Where the setting lives now (a key path from the root, or a sentence saying why it went).</param>
    public ConfigMovedKeyAttribute(string key, string movedTo)
    {
        Key = key;
        MovedTo = movedTo;
    }

    /// <summary>The former key.</summary>
    public string Key { get; }

    /// <summary>Where the setting lives now, or why it went.</summary>
    public string MovedTo { get; }
}
