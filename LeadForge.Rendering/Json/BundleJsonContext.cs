using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeadForge.Schemes;
using LeadForge.Tables;

namespace LeadForge.Rendering.Json;

/// <summary>
/// The one JSON contract of the bundle format, source-generated: the bundle manifest (whole world
/// or shard part), the task manifest and the <c>inspect</c> summary. Keys are snake_case, enums are
/// wire names, timestamps are UTC with seven fractional digits, output is indented with LF line ends
/// and non-ASCII text is written unescaped. Use <see cref="Bundle"/>, never <see cref="JsonSerializerContext"/>'s
/// reflection-free default without these options.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NewLine = "\n",
    RespectNullableAnnotations = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(TaskManifest))]
[JsonSerializable(typeof(BundleSummaryDocument))]
internal sealed partial class BundleJsonContext : JsonSerializerContext
{
    /// <summary>The context with the bundle conventions (converters and encoder) applied.</summary>
    public static BundleJsonContext Bundle { get; } = new(CreateOptions());

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectNullableAnnotations = true,
        };
        options.Converters.Add(new WireEnumConverter<ExposureMode>());
        options.Converters.Add(new WireEnumConverter<Difficulty>());
        options.Converters.Add(new WireEnumConverter<BundleFileKind>());
        options.Converters.Add(new WireEnumConverter<ColumnType>());
        options.Converters.Add(new WireEnumConverter<SplitStrategy>());
        options.Converters.Add(new WireEnumConverter<ExposureLevel>());
        options.Converters.Add(new WireEnumConverter<AnchorPolicy>());
        options.Converters.Add(new UtcDateTimeConverter());
        return options;
    }
}
