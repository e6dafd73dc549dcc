using System.Text.Json;
using System.Text.Json.Serialization;
using LeadForge.Rendering.Json;
using LeadForge.Tables;

namespace LeadForge.Rendering.Writers;

/// <summary>
/// The LeadForge table schema (descriptions, keys, dictionary hints) stored as Parquet key-value
/// metadata so that a reader can rebuild the exact <see cref="TableSchema"/>.
/// </summary>
internal static class TableSchemaMetadata
{
    public const string Key = "leadforge.table_schema";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new WireEnumConverter<ColumnType>() },
    };

    public static string ToJson(TableSchema schema) => JsonSerializer.Serialize(
        new SchemaDto(
            schema.Name,
            schema.Description,
            schema.PrimaryKey,
            schema.ForeignKeys.Select(f => new ForeignKeyDto(f.Column, f.ReferencedTable, f.ReferencedColumn)).ToArray(),
            schema.Columns.Select(c => new ColumnDto(c.Name, c.Type, c.Nullable, c.Description, c.DictionaryEncoded)).ToArray()),
        Options);

    /// <summary>Parses the metadata; throws <see cref="BundleFormatException"/> when malformed.</summary>
    public static TableSchema FromJson(string json)
    {
        try
        {
            var dto = JsonSerializer.Deserialize<SchemaDto>(json, Options) ?? throw new JsonException("empty document");
            return new TableSchema(
                dto.Name,
                dto.Description,
                dto.Columns.Select(c => new ColumnSchema(c.Name, c.Type, c.Nullable, c.Description, c.DictionaryEncoded)).ToArray(),
                dto.PrimaryKey,
                dto.ForeignKeys.Select(f => new ForeignKey(f.Column, f.ReferencedTable, f.ReferencedColumn)).ToArray());
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new BundleFormatException($"The Parquet key-value metadata '{Key}' is malformed: {ex.Message}", ex);
        }
    }

    private sealed record SchemaDto(
        [property: JsonRequired] string Name,
        string Description,
        string? PrimaryKey,
        IReadOnlyList<ForeignKeyDto> ForeignKeys,
        [property: JsonRequired] IReadOnlyList<ColumnDto> Columns);

    private sealed record ForeignKeyDto(string Column, string ReferencedTable, string ReferencedColumn);

    private sealed record ColumnDto(
        [property: JsonRequired] string Name,
        [property: JsonRequired] ColumnType Type,
        bool Nullable,
        string Description,
        bool DictionaryEncoded);
}
