using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadForge.Configuration;

/// <summary>Writes a settings object graph as JSON with the same key names the binder reads, so the two round-trip.</summary>
internal static class ConfigWriter
{
    public static JsonObject ToJson(object settings)
    {
        var obj = new JsonObject();
        WriteObject(settings, obj);
        return obj;
    }

    private static void WriteObject(object instance, JsonObject target)
    {
        foreach (var prop in ConfigBinder.PropertiesOf(instance.GetType()))
        {
            var value = prop.Info.GetValue(instance);
            if (prop.Flatten)
            {
                if (value is not null)
                {
                    WriteObject(value, target);
                }

                continue;
            }

            target[prop.Key] = ToNode(value);
        }
    }

    private static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case int i:
                return JsonValue.Create(i);
            case long l:
                return JsonValue.Create(l);
            case double d:
                return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
            case DateOnly date:
                return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case Enum e:
                return JsonValue.Create(WireNames.ToSnakeCase(e.ToString()));
            case IDictionary dict:
                var obj = new JsonObject();
                foreach (DictionaryEntry entry in dict)
                {
                    obj[(string)entry.Key] = ToNode(entry.Value);
                }

                return obj;
            case IEnumerable list:
                return new JsonArray(list.Cast<object?>().Select(ToNode).ToArray());
            default:
                var nested = new JsonObject();
                WriteObject(value, nested);
                return nested;
        }
    }
}
