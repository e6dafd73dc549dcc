using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace LeadForge.Configuration;

/// <summary>
/// Binds <see cref="ConfigNode"/> trees onto typed settings classes (snake_case keys, init
/// properties), collecting every problem with its key path and source position, then validates
/// DataAnnotations ranges and <see cref="IValidatableSettings"/> rules.
/// </summary>
internal sealed class ConfigBinder
{
    private static readonly ConcurrentDictionary<Type, SettingsProperty[]> PropertyCache = new();
    private readonly List<ConfigProblem> _problems = [];
    private readonly Dictionary<string, SourceMark> _marks = new(StringComparer.Ordinal);
    private readonly Func<Type, Type> _resolveAbstract;

    public ConfigBinder(Func<Type, Type>? resolveAbstract = null) =>
        _resolveAbstract = resolveAbstract ?? (t => throw new InvalidOperationException($"No concrete type known for {t.Name}."));

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public void ThrowIfProblems()
    {
        if (_problems.Count > 0)
        {
            throw new ConfigValidationException(_problems.ToArray());
        }
    }

    public T Bind<T>(ConfigMapping mapping, string path = "")
        where T : class => (T)BindObject(mapping, typeof(T), path);

    public void AddProblem(string path, string message, SourceMark mark) =>
        _problems.Add(new ConfigProblem(path, message, mark.Location, mark.IsKnown ? mark.Line : null, mark.IsKnown ? mark.Column : null));

    /// <summary>Validates ranges and cross-field rules on a bound object graph.</summary>
    public void Validate(object root, string path = "")
    {
        var scope = new SettingsValidationScope(path, _problems, Locate);
        ValidateObject(root, scope);
    }

    public SettingsValidationScope CreateRootScope() => new(string.Empty, _problems, Locate);

    internal (string?, int, int) Locate(string path)
    {
        // Walk up to the nearest path we saw in the input.
        var p = path;
        while (true)
        {
            if (_marks.TryGetValue(p, out var mark) && mark.IsKnown)
            {
                return (mark.Location, mark.Line, mark.Column);
            }

            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0)
            {
                return (null, 0, 0);
            }

            p = p[..cut];
        }
    }

    internal static IReadOnlyList<SettingsProperty> PropertiesOf(Type type) => PropertyCache.GetOrAdd(type, static t =>
    {
        var nullability = new NullabilityInfoContext();
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<ConfigIgnoreAttribute>() is null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => new SettingsProperty(
                p,
                p.GetCustomAttribute<ConfigKeyAttribute>()?.Key ?? WireNames.ToSnakeCase(p.Name),
                p.GetCustomAttribute<ConfigFlattenAttribute>() is not null,
                p.GetCustomAttribute<RequiredMemberAttribute>() is not null,
                !p.PropertyType.IsValueType && nullability.Create(p).WriteState == NullabilityState.Nullable))
            .ToArray();
    });

    private object BindObject(ConfigMapping mapping, Type type, string path)
    {
        var concrete = type.IsAbstract ? _resolveAbstract(type) : type;
        var instance = Activator.CreateInstance(concrete)
            ?? throw new InvalidOperationException($"Cannot create {concrete.Name}.");
        _marks.TryAdd(path, mapping.Mark);

        // Keys bound on this object, plus keys of (recursively) flattened children.
        var owners = new List<(object Owner, SettingsProperty Property)>();
        CollectOwners(instance, concrete, owners);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, entry) in mapping.Entries)
        {
            var childPath = SettingsValidationScope.Join(path, key);
            var match = owners.FirstOrDefault(o => o.Property.Key == key);
            if (match.Owner is null)
            {
                var known = string.Join(", ", owners.Select(o => o.Property.Key));
                // The deepest owner (the scheme's settings) knows best where a former key went.
                var moved = owners.Select(o => o.Owner.GetType()).Distinct()
                    .SelectMany(t => t.GetCustomAttributes<ConfigMovedKeyAttribute>())
                    .LastOrDefault(m => m.Key == key);
                var message = moved is null ? $"unknown key '{key}'; known keys here are: {known}" : $"'{key}' is no longer a key here: {moved.MovedTo}";
                AddProblem(childPath, message, entry.KeyMark.IsKnown ? entry.KeyMark : entry.Value.Mark);
                continue;
            }

            seen.Add(key);
            _marks[childPath] = entry.Value.Mark;
            var value = BindValue(entry.Value, match.Property.Info.PropertyType, childPath, match.Property.Nullable, out var ok);
            if (ok)
            {
                match.Property.Info.SetValue(match.Owner, value);
            }
        }

        foreach (var (owner, prop) in owners)
        {
            if (prop.Required && !seen.Contains(prop.Key))
            {
                AddProblem(SettingsValidationScope.Join(path, prop.Key), "is required but missing", mapping.Mark);
            }
        }

        return instance;
    }

    private void CollectOwners(object instance, Type type, List<(object Owner, SettingsProperty Property)> owners)
    {
        foreach (var prop in PropertiesOf(type))
        {
            if (prop.Flatten)
            {
                var childType = prop.Info.PropertyType.IsAbstract ? _resolveAbstract(prop.Info.PropertyType) : prop.Info.PropertyType;
                var child = Activator.CreateInstance(childType)
                    ?? throw new InvalidOperationException($"Cannot create {childType.Name}.");
                prop.Info.SetValue(instance, child);
                CollectOwners(child, childType, owners);
            }
            else
            {
                owners.Add((instance, prop));
            }
        }
    }

    private object? BindValue(ConfigNode node, Type type, string path, bool nullableReference, out bool ok)
    {
        ok = true;
        var underlying = Nullable.GetUnderlyingType(type);
        if (node is ConfigScalar { IsNull: true })
        {
            if (underlying is not null || nullableReference)
            {
                return null;
            }

            ok = false;
            AddProblem(path, "must not be null", node.Mark);
            return null;
        }

        var target = underlying ?? type;
        if (IsScalarType(target))
        {
            if (node is not ConfigScalar scalar)
            {
                ok = false;
                AddProblem(path, $"expected {Describe(target)} but found {(node is ConfigMapping ? "a mapping" : "a list")}", node.Mark);
                return null;
            }

            if (TryParseScalar(scalar, target, out var parsed, out var error))
            {
                return parsed;
            }

            ok = false;
            AddProblem(path, error, node.Mark);
            return null;
        }

        if (TryGetDictionaryValueType(target, out var valueType))
        {
            if (node is not ConfigMapping map)
            {
                ok = false;
                AddProblem(path, $"expected a mapping but found {DescribeNode(node)}", node.Mark);
                return null;
            }

            var dictType = typeof(OrderedDictionary<,>).MakeGenericType(typeof(string), valueType);
            var dict = (IDictionary)Activator.CreateInstance(dictType)!;
            foreach (var (key, entry) in map.Entries)
            {
                var childPath = SettingsValidationScope.Join(path, key);
                _marks[childPath] = entry.Value.Mark;
                var v = BindValue(entry.Value, valueType, childPath, false, out var itemOk);
                if (itemOk)
                {
                    dict[key] = v;
                }
                else
                {
                    ok = false;
                }
            }

            return dict;
        }

        if (TryGetListElementType(target, out var elementType))
        {
            if (node is not ConfigSequence seq)
            {
                ok = false;
                AddProblem(path, $"expected a list but found {DescribeNode(node)}", node.Mark);
                return null;
            }

            var array = Array.CreateInstance(elementType, seq.Items.Count);
            for (var i = 0; i < seq.Items.Count; i++)
            {
                var childPath = $"{path}[{i}]";
                _marks[childPath] = seq.Items[i].Mark;
                var v = BindValue(seq.Items[i], elementType, childPath, false, out var itemOk);
                if (itemOk)
                {
                    array.SetValue(v, i);
                }
                else
                {
                    ok = false;
                }
            }

            return array;
        }

        if (target.IsClass)
        {
            if (node is not ConfigMapping map)
            {
                ok = false;
                AddProblem(path, $"expected a mapping but found {DescribeNode(node)}", node.Mark);
                return null;
            }

            return BindObject(map, target, path);
        }

        throw new NotSupportedException($"Settings property type {target} is not supported.");
    }

    private void ValidateObject(object instance, SettingsValidationScope scope)
    {
        foreach (var prop in PropertiesOf(instance.GetType()))
        {
            var value = prop.Info.GetValue(instance);
            if (prop.Flatten)
            {
                if (value is not null)
                {
                    ValidateObject(value, scope);
                }

                continue;
            }

            foreach (var attribute in prop.Info.GetCustomAttributes<ValidationAttribute>())
            {
                if (value is null || attribute.IsValid(value))
                {
                    continue;
                }

                var message = attribute switch
                {
                    RangeAttribute r => $"{FormatValue(value)} is outside [{FormatValue(r.Minimum)}, {FormatValue(r.Maximum)}]",
                    MinLengthAttribute m => $"must have at least {m.Length} entries",
                    _ => attribute.FormatErrorMessage(prop.Key),
                };
                scope.Fail(prop.Key, message);
            }

            ValidateValue(value, scope.Child(prop.Key));
        }

        if (instance is IValidatableSettings validatable)
        {
            validatable.Validate(scope);
        }
    }

    private void ValidateValue(object? value, SettingsValidationScope scope)
    {
        switch (value)
        {
            case null or string:
                return;
            case IDictionary dict:
                foreach (DictionaryEntry e in dict)
                {
                    ValidateValue(e.Value, scope.Child((string)e.Key));
                }

                return;
            case Array array:
                for (var i = 0; i < array.Length; i++)
                {
                    ValidateValue(array.GetValue(i), scope.Child($"[{i}]"));
                }

                return;
            default:
                if (!IsScalarType(value.GetType()))
                {
                    ValidateObject(value, scope);
                }

                return;
        }
    }

    internal static bool IsScalarType(Type t) =>
        t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(DateOnly) || t.IsEnum;

    internal static bool TryGetListElementType(Type t, out Type element)
    {
        if (t.IsArray)
        {
            element = t.GetElementType()!;
            return true;
        }

        if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || t.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>) || t.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
        {
            element = t.GetGenericArguments()[0];
            return true;
        }

        element = typeof(object);
        return false;
    }

    internal static bool TryGetDictionaryValueType(Type t, out Type value)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && t.GetGenericArguments()[0] == typeof(string))
        {
            value = t.GetGenericArguments()[1];
            return true;
        }

        value = typeof(object);
        return false;
    }

    private static bool TryParseScalar(ConfigScalar scalar, Type target, out object? value, out string error)
    {
        var text = scalar.Value ?? string.Empty;
        value = null;
        error = string.Empty;
        var inv = CultureInfo.InvariantCulture;
        if (target == typeof(string))
        {
            if (scalar.Kind is ScalarKind.Number or ScalarKind.Boolean)
            {
                error = $"expected a string but found {scalar.Describe()}";
                return false;
            }

            value = text;
            return true;
        }

        if (scalar.Kind == ScalarKind.String && target != typeof(DateOnly) && !target.IsEnum)
        {
            error = $"expected {Describe(target)} but found the string {scalar.Describe()}";
            return false;
        }

        if (target == typeof(bool))
        {
            if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                value = text.Equals("true", StringComparison.OrdinalIgnoreCase);
                return true;
            }

            error = $"expected true or false but found {scalar.Describe()}";
            return false;
        }

        if (target == typeof(int) || target == typeof(long))
        {
            if (long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, inv, out var l))
            {
                if (target == typeof(int) && (l < int.MinValue || l > int.MaxValue))
                {
                    error = $"{text} is too large for a 32-bit integer";
                    return false;
                }

                value = target == typeof(int) ? (object)(int)l : l;
                return true;
            }

            error = $"expected an integer but found {scalar.Describe()}";
            return false;
        }

        if (target == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, inv, out var d) && double.IsFinite(d))
            {
                value = d;
                return true;
            }

            error = $"expected a number but found {scalar.Describe()}";
            return false;
        }

        if (target == typeof(DateOnly))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var date))
            {
                value = date;
                return true;
            }

            error = $"expected a date as yyyy-MM-dd but found {scalar.Describe()}";
            return false;
        }

        if (target.IsEnum)
        {
            foreach (var candidate in Enum.GetValues(target))
            {
                if (WireNames.ToSnakeCase(candidate.ToString()!) == text)
                {
                    value = candidate;
                    return true;
                }
            }

            var names = string.Join(", ", Enum.GetValues(target).Cast<object>().Select(c => WireNames.ToSnakeCase(c.ToString()!)));
            error = $"'{text}' is not one of: {names}";
            return false;
        }

        error = $"unsupported type {target.Name}";
        return false;
    }

    private static string Describe(Type t) =>
        t == typeof(bool) ? "true or false" :
        t == typeof(int) || t == typeof(long) ? "an integer" :
        t == typeof(double) ? "a number" :
        t == typeof(DateOnly) ? "a date (yyyy-MM-dd)" :
        t.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(t).Select(WireNames.ToSnakeCase)) :
        "a string";

    private static string DescribeNode(ConfigNode node) => node switch
    {
        ConfigMapping => "a mapping",
        ConfigSequence => "a list",
        ConfigScalar s => s.Describe(),
        _ => "a value",
    };

    private static string FormatValue(object? value) => value switch
    {
        double d => SettingsValidationScope.Format(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "null",
    };
}

internal sealed record SettingsProperty(PropertyInfo Info, string Key, bool Flatten, bool Required, bool Nullable);
