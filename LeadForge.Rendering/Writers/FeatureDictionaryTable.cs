using LeadForge.Tables;

namespace LeadForge.Rendering.Writers;

/// <summary>The feature dictionary as a table, written as <c>feature_dictionary.csv</c>: one row per published task column, each column declared once.</summary>
internal sealed class FeatureDictionaryTable : TableDefinition
{
    private FeatureDictionaryTable()
        : base("feature_dictionary", "One row per published task column.")
    {
        FeatureName = Text("name", "The column name.");
        Type = Text("type", "The logical type (wire name).", dictionaryEncoded: true);
        FeatureDescription = Text("description", "What the feature measures.");
        Category = Text("category", "The feature group.", dictionaryEncoded: true);
        SourceTable = Text("source_table", "The table(s) it is computed from.");
        Window = Text("window", "The time window.");
        LeakageRisk = Value<bool>("leakage_risk", "Whether the column is (or may be) a leak.");
        IsTarget = Value<bool>("is_target", "Whether the column is the label.");
        Modes = Text("modes", "The exposure modes publishing the column, ';'-joined wire names.");
        NullShare = Value<double>("null_share", "The share of null cells over all splits.");
        KeyOn(FeatureName);
    }

    private TextSlot FeatureName { get; }

    private TextSlot Type { get; }

    private TextSlot FeatureDescription { get; }

    private TextSlot Category { get; }

    private TextSlot SourceTable { get; }

    private TextSlot Window { get; }

    private ValueSlot<bool> LeakageRisk { get; }

    private ValueSlot<bool> IsTarget { get; }

    private TextSlot Modes { get; }

    private ValueSlot<double> NullShare { get; }

    /// <summary>Builds the table of a feature dictionary, in its order.</summary>
    public static Table Build(IReadOnlyList<FeatureInfo> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var t = new FeatureDictionaryTable();
        t.Allocate(features.Count);
        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            t.FeatureName.Set(i, f.Name);
            t.Type.Set(i, f.Type.ToWire());
            t.FeatureDescription.Set(i, f.Description);
            t.Category.Set(i, f.Category);
            t.SourceTable.Set(i, f.SourceTable);
            t.Window.Set(i, f.Window);
            t.LeakageRisk[i] = f.LeakageRisk;
            t.IsTarget[i] = f.IsTarget;
            t.Modes.Set(i, string.Join(';', f.Modes.Select(m => m.ToWire())));
            t.NullShare[i] = f.NullShare;
        }

        return t.Build();
    }
}
