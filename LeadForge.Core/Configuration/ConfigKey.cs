using System.Text;

namespace LeadForge.Configuration;

/// <summary>
/// Recipe and override keys derived from settings property names, so that a validation rule names its
/// key with <see langword="nameof"/> instead of a string literal and cannot drift from the binder.
/// </summary>
/// <remarks>
/// A key is exactly the one the binder binds: the property's snake_case name, or the name its
/// <see cref="ConfigKeyAttribute"/> gives; a flattened section adds no segment.
/// <code>
/// scope.Require(ok, ConfigKey.Of&lt;LeadScoringSettings&gt;(nameof(LeadScoringSettings.Funnel), nameof(FunnelSettings.AdvanceLogit)), "...");
/// // reports at funnel.advance_logit
/// </code>
/// </remarks>
public static class ConfigKey
{
    /// <summary>The dotted key path of a settings property, reached from <typeparamref name="TSettings"/> through nested sections.</summary>
    /// <typeparam name="TSettings">The settings class whose property <paramref name="propertyNames"/> starts with.</typeparam>
    /// <param name="propertyNames">
    /// Property names (from <see langword="nameof"/>): the first of <typeparamref name="TSettings"/>, each next one of
    /// the previous property's type. Collection entries are not walked: join an index or a dictionary key yourself.
    /// </param>
    /// <returns>The key path, e.g. <c>funnel.advance_logit</c>.</returns>
    /// <exception cref="ArgumentException">A name is not a bound property of the type reached so far, or no name is given.</exception>
    public static string Of<TSettings>(params string[] propertyNames)
    {
        ArgumentNullException.ThrowIfNull(propertyNames);
        if (propertyNames.Length == 0)
        {
            throw new ArgumentException("Name at least one property.", nameof(propertyNames));
        }

        var type = typeof(TSettings);
        var path = new StringBuilder();
        foreach (var name in propertyNames)
        {
            var property = ConfigBinder.PropertiesOf(type).FirstOrDefault(p => p.Info.Name == name)
                ?? throw new ArgumentException($"'{name}' is not a bound settings property of {type.Name}.", nameof(propertyNames));
            if (!property.Flatten)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(property.Key);
            }

            type = property.Info.PropertyType;
        }

        return path.ToString();
    }
}
