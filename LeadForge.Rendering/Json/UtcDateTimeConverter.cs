using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadForge.Rendering.Json;

/// <summary>Writes UTC timestamps as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>; reads any ISO-8601 form as UTC.</summary>
internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
}
