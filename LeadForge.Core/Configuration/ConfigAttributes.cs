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
