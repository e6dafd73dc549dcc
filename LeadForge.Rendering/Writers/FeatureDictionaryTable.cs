using LeadForge.Tables;

namespace LeadForge.Rendering.Writers;

/// <summary>The feature dictionary as a table, written as <c>feature_dictionary.csv</c>.</summary>
internal static class FeatureDictionaryTable
{
    public static readonly TableSchema Schema = new(
        "feature_dictionary",
        "One row per published task column.",
        [
            new ColumnSchema("name", ColumnType.String, false, "The column name."),
            new ColumnSchema("type", ColumnType.String, false, "The logical type (wire name).", DictionaryEncoded: true),
            new ColumnSchema("description", ColumnType.String, false, "What the feature measures."),
            new ColumnSchema("category", ColumnType.String, false, "The feature group.", DictionaryEncoded: true),
            new ColumnSchema("source_table", ColumnType.String, false, "The table(s) it is computed from."),
            new ColumnSchema("window", ColumnType.String, false, "The time window."),
            new ColumnSchema("leakage_risk", ColumnType.Boolean, false, "Whether the column is (or may be) a leak."),
            new ColumnSchema("is_target", ColumnType.Boolean, false, "Whether the column is the label."),
            new ColumnSchema("modes", ColumnType.String, false, "The exposure modes publishing the column, ';'-joined wire names."),
            new ColumnSchema("null_share", ColumnType.Double, false, "The share of null cells over all splits."),
        ],
        "name");

    public static Table Build(IReadOnlyList<FeatureInfo> features)
    {
        var builder = new TableBuilder(Schema, features.Count);
        var name = builder.Strings("name");
        var type = builder.Strings("type");
        var description = builder.Strings("description");
        var category = builder.Strings("category");
        var source = builder.Strings("source_table");
        var window = builder.Strings("window");
        var leakage = builder.Values<bool>("leakage_risk");
        var target = builder.Values<bool>("is_target");
        var modes = builder.Strings("modes");
        var nullShare = builder.Values<double>("null_share");
        foreach (var f in features)
        {
            name.Add(f.Name);
            type.Add(f.Type.ToWire());
            description.Add(f.Description);
            category.Add(f.Category);
            source.Add(f.SourceTable);
            window.Add(f.Window);
            leakage.Add(f.LeakageRisk);
            target.Add(f.IsTarget);
            modes.Add(string.Join(';', f.Modes.Select(m => m.ToWire())));
            nullShare.Add(f.NullShare);
        }

        return builder.Build();
    }
}
