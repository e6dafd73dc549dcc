using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadForge.Rendering.Json;

/// <summary>Reads and writes an enum as its snake_case wire name (<see cref="WireNames"/>).</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
internal sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return WireNames.TryParseWire<TEnum>(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a {typeof(TEnum).Name}; expected one of {string.Join(", ", WireNames.AllWire<TEnum>())}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToWire());
}
