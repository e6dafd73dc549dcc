using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeadForge.Configuration;

/// <summary>Where a configuration value came from: file or resource, 1-based line and column.</summary>
internal readonly record struct SourceMark(string? Location, int Line, int Column)
{
    public static readonly SourceMark None = new(null, 0, 0);

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{Location ?? "<input>"}:{Line}:{Column}" : Location ?? string.Empty;
}

/// <summary>A format-neutral configuration tree (from YAML, JSON or a bound object).</summary>
internal abstract class ConfigNode
{
    protected ConfigNode(SourceMark mark) => Mark = mark;

    public SourceMark Mark { get; }

    /// <summary>Deep-merges <paramref name="overlay"/> onto <paramref name="baseNode"/>: mappings merge key by key, anything else is replaced.</summary>
    public static ConfigNode Merge(ConfigNode baseNode, ConfigNode overlay)
    {
        if (baseNode is ConfigMapping b && overlay is ConfigMapping o)
        {
            var merged = new ConfigMapping(b.Mark);
            foreach (var (key, entry) in b.Entries)
            {
                merged.Set(key, entry);
            }

            foreach (var (key, entry) in o.Entries)
            {
                merged.Set(key, merged.TryGet(key, out var existing) ? Merge(existing.Value, entry.Value) : entry.Value, entry.KeyMark);
            }

            return merged;
        }

        return overlay;
    }

    public abstract JsonNode? ToJson();
}

internal sealed class ConfigMapping : ConfigNode
{
    private readonly List<KeyValuePair<string, ConfigEntry>> _entries = [];

    public ConfigMapping(SourceMark mark)
        : base(mark)
    {
    }

    public IEnumerable<(string Key, ConfigEntry Entry)> Entries => _entries.Select(e => (e.Key, e.Value));

    public int Count => _entries.Count;

    public bool TryGet(string key, out ConfigEntry entry)
    {
        foreach (var e in _entries)
        {
            if (e.Key == key)
            {
                entry = e.Value;
                return true;
            }
        }

        entry = default;
        return false;
    }

    public void Set(string key, ConfigEntry entry) => Set(key, entry.Value, entry.KeyMark);

    public void Set(string key, ConfigNode value, SourceMark keyMark)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == key)
            {
                _entries[i] = new(key, new ConfigEntry(value, keyMark));
                return;
            }
        }

        _entries.Add(new(key, new ConfigEntry(value, keyMark)));
    }

    public bool Remove(string key) => _entries.RemoveAll(e => e.Key == key) > 0;

    public override JsonNode ToJson()
    {
        var obj = new JsonObject();
        foreach (var (key, entry) in _entries.Select(e => (e.Key, e.Value)))
        {
            obj[key] = entry.Value.ToJson();
        }

        return obj;
    }
}

internal readonly record struct ConfigEntry(ConfigNode Value, SourceMark KeyMark);

internal sealed class ConfigSequence : ConfigNode
{
    public ConfigSequence(SourceMark mark, IReadOnlyList<ConfigNode> items)
        : base(mark) => Items = items;

    public IReadOnlyList<ConfigNode> Items { get; }

    public override JsonNode ToJson() => new JsonArray(Items.Select(i => i.ToJson()).ToArray());
}

internal enum ScalarKind
{
    /// <summary>A plain scalar from YAML: type decided by the target property.</summary>
    Plain,

    /// <summary>A quoted string.</summary>
    String,

    /// <summary>A number (from JSON or a bound object).</summary>
    Number,

    /// <summary>A boolean (from JSON or a bound object).</summary>
    Boolean,

    /// <summary>An explicit null.</summary>
    Null,
}

internal sealed class ConfigScalar : ConfigNode
{
    public ConfigScalar(SourceMark mark, string? value, ScalarKind kind)
        : base(mark)
    {
        Value = value;
        Kind = kind;
    }

    public string? Value { get; }

    public ScalarKind Kind { get; }

    public bool IsNull => Kind == ScalarKind.Null;

    public override JsonNode? ToJson() => Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Boolean => JsonValue.Create(Value == "true"),
        ScalarKind.Number => JsonNode.Parse(Value!),
        _ => JsonValue.Create(Value),
    };

    public string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.String => "\"" + Value + "\"",
        _ => Value ?? "null",
    };
}

/// <summary>Converts <see cref="JsonNode"/> trees (from bound objects) to <see cref="ConfigNode"/>.</summary>
internal static class JsonConfig
{
    public static ConfigNode FromJson(JsonNode? node, string? location)
    {
        var mark = new SourceMark(location, 0, 0);
        switch (node)
        {
            case null:
                return new ConfigScalar(mark, null, ScalarKind.Null);
            case JsonObject obj:
                var map = new ConfigMapping(mark);
                foreach (var (key, value) in obj)
                {
                    map.Set(key, FromJson(value, location), mark);
                }

                return map;
            case JsonArray arr:
                return new ConfigSequence(mark, arr.Select(a => FromJson(a, location)).ToArray());
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => new ConfigScalar(mark, value.GetValue<string>(), ScalarKind.String),
                    JsonValueKind.Number => new ConfigScalar(mark, value.ToJsonString(), ScalarKind.Number),
                    JsonValueKind.True => new ConfigScalar(mark, "true", ScalarKind.Boolean),
                    JsonValueKind.False => new ConfigScalar(mark, "false", ScalarKind.Boolean),
                    _ => new ConfigScalar(mark, null, ScalarKind.Null),
                };
            default:
                throw new InvalidOperationException("Unexpected JSON node.");
        }
    }

    /// <summary>Canonical JSON text: keys in document order, invariant numbers, indented.</summary>
    public static string ToJsonText(JsonNode node, bool indented = true) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string ToCanonicalJson(JsonNode node)
    {
        var sb = new StringBuilder();
        WriteCanonical(node, sb);
        return sb.ToString();
    }

    private static void WriteCanonical(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    sb.Append(JsonSerializer.Serialize(key)).Append(':');
                    WriteCanonical(value, sb);
                }

                sb.Append('}');
                break;
            case JsonArray arr:
                sb.Append('[');
                for (var i = 0; i < arr.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteCanonical(arr[i], sb);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }

    internal static string FormatDouble(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
