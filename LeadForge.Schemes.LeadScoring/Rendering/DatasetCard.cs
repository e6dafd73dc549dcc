using System.Globalization;
using System.Text;
using LeadForge.Configuration;
using LeadForge.Tables;

namespace LeadForge.Schemes.LeadScoring.Rendering;

/// <summary>Writes the dataset card (Markdown), filtered by exposure mode.</summary>
internal static class DatasetCard
{
    public static string Write(LeadScoringSettings settings, GenerationConfig config, IReadOnlyList<Table> tables, TaskDataset task, IReadOnlyList<FeatureInfo> features, HiddenTruth? truth)
    {
        var inv = CultureInfo.InvariantCulture;
        var n = settings.Narrative;
        var profile = settings.DifficultyProfiles.For(config.Difficulty);
        var instructor = config.ExposureMode == ExposureMode.ResearchInstructor;
        var sb = new StringBuilder();
        sb.Append(inv, $"# B2B lead scoring — {config.Difficulty.ToWire()} tier ({config.ExposureMode.ToWire()})\n\n");
        sb.Append("Synthetic data: every row was produced by simulating a commercial world with LeadForge. No real company or person is described.\n\n");
        sb.Append(inv, $"**Task.** {task.Manifest.Description}\n\n");
        sb.Append("## The simulated world\n\n");
        sb.Append(inv, $"- Vendor: {n.Company.Name} ({n.Company.Stage}, founded {n.Company.FoundedYear}, {n.Company.HqCity}, {n.Company.HqCountry}).\n");
        sb.Append(inv, $"- Product: {n.Product.Name} — {n.Product.Category}; ACV {n.Product.AcvRangeUsd[0]:N0}–{n.Product.AcvRangeUsd[1]:N0} USD; terms {string.Join("/", n.Product.ContractTermsMonths)} months.\n");
        sb.Append(inv, $"- Market: {string.Join(", ", n.Market.IcpIndustries)} in {string.Join(", ", n.Market.Geographies)}; average deal {n.Market.AvgDealSizeUsd:N0} USD; average sales cycle {n.Market.AvgSalesCycleDays} days.\n");
        sb.Append(inv, $"- Channels: {string.Join(", ", n.Channels.Select(c => string.Create(inv, $"{c.Name} {c.Share * 100:0.#}%")))}.\n");
        sb.Append(inv, $"- Personas: {string.Join("; ", n.Personas.Select(p => $"{p.Role} ({p.DecisionAuthority})"))}.\n");
        sb.Append(inv, $"- Leads arrive over {settings.Arrival.WindowDays} days from {config.Recipe.StartDate:yyyy-MM-dd} with {settings.Arrival.Trend.ToWire()} growth and weekday/month seasonality; each lead is simulated daily for {config.Recipe.HorizonDays} days.\n\n");
        sb.Append("## This tier\n\n| property | value |\n|---|---|\n");
        sb.Append(inv, $"| target conversion band | {profile.ConversionRateRange[0]:0.00}–{profile.ConversionRateRange[1]:0.00} |\n");
        sb.Append(inv, $"| signal strength | {profile.SignalStrength:0.##} |\n| noise scale | {profile.NoiseScale:0.##} |\n| missing rate | {profile.MissingRate:0.##} |\n| outlier rate | {profile.OutlierRate:0.##} |\n| committee friction | {profile.CommitteeFriction:0.##} |\n");
        sb.Append(inv, $"| observable / category / interaction share of the score | {Share(profile.ObservableShare)} / {Share(profile.CategoryShare)} / {Share(profile.InteractionShare)} |\n| hidden pace / closing noise | {profile.PaceNoise:0.##} / {profile.ClosingNoise:0.##} |\n\n");
        sb.Append("## Tables\n\n| table | rows | description |\n|---|---|---|\n");
        foreach (var t in tables)
        {
            sb.Append(inv, $"| {t.Name} | {t.RowCount:N0} | {t.Schema.Description} |\n");
        }

        sb.Append('\n');
        if (!instructor)
        {
            sb.Append(inv, $"Public tables are snapshot-safe: every event row happened before its lead's anchor (lead_created_at + {settings.Tasks.ConvertedWithin90Days.SnapshotDay} days), opportunity stages are as of the anchor, and no close outcome, label, customer or subscription is included.\n\n");
        }
        else
        {
            sb.Append("This is the instructor view: tables cover the full horizon and include outcomes, customers, subscriptions and attribution. Hidden truth is under metadata/.\n\n");
        }

        sb.Append("## Task splits\n\n");
        sb.Append(inv, $"Split strategy `{task.Manifest.SplitStrategy.ToWire()}` ({task.Manifest.Fractions.Train:0.##}/{task.Manifest.Fractions.Valid:0.##}/{task.Manifest.Fractions.Test:0.##}): train {task.Train.RowCount:N0}, valid {task.Valid.RowCount:N0}, test {task.Test.RowCount:N0} rows.");
        if (task.Manifest.GroupColumn is not null)
        {
            sb.Append(inv, $" Rows are grouped by `{task.Manifest.GroupColumn}` (no account appears in two splits) and stratified on the label.");
        }

        sb.Append("\n\n## Features\n\n| feature | type | category | window |\n|---|---|---|---|\n");
        foreach (var f in features)
        {
            sb.Append(inv, $"| {f.Name}{(f.LeakageRisk ? " ⚠" : string.Empty)} | {f.Type.ToWire()} | {f.Category} | {f.Window} |\n");
        }

        sb.Append("\n## Leakage traps\n\n");
        sb.Append("`total_touches_all` counts touches over the whole horizon, including after the anchor. It is a deliberate, documented trap (flagged `leakage_risk` in feature_dictionary.csv) and is exempt from distortion: drop it before modelling.\n\n");
        sb.Append("## How to load\n\nC#:\n\n```csharp\nvar train = await BundleReader.ReadTaskSplitAsync(\"./bundle\", \"converted_within_90_days\", \"train\");\n```\n\n");
        sb.Append("pandas:\n\n```python\nimport pandas as pd\ntrain = pd.read_parquet(\"bundle/tasks/converted_within_90_days/train.parquet\")\nleads = pd.read_parquet(\"bundle/tables/leads.parquet\")\n```\n\n");
        sb.Append("DuckDB:\n\n```sql\nSELECT lead_source, avg(converted_within_90_days::INT) FROM 'bundle/tasks/converted_within_90_days/train.parquet' GROUP BY 1;\n```\n\n");
        sb.Append("## Reproducibility\n\n");
        sb.Append(inv, $"LeadForge {LeadForgeInfo.PackageVersion}, recipe `{config.Recipe.Id}`, seed {config.Seed}, config hash `{config.ComputeHash()}`.\n");
        sb.Append(inv, $"`leadforge generate --recipe {config.Recipe.Id} --seed {config.Seed} --mode {config.ExposureMode.ToWire()} --difficulty {config.Difficulty.ToWire()} --n-leads {config.CountOf(LeadScoringEntities.Leads)} --n-accounts {config.CountOf(LeadScoringEntities.Accounts)} --n-contacts {config.CountOf(LeadScoringEntities.Contacts)}` regenerates the same data when the config hash above matches (other recipe overrides go in `--override FILE`).\n");
        if (truth is not null)
        {
            sb.Append("\n## Hidden truth (instructor only)\n\n");
            sb.Append(inv, $"Motif family `{truth.Graph.Family}`; {truth.Graph.Nodes.Count} nodes, {truth.Graph.Edges.Count} edges. Oracle ROC-AUC of the true conversion probability: {(truth.OracleAuc is { } auc ? auc.ToString("0.000", inv) : "n/a")}.\n");
        }

        return sb.ToString();
    }

    private static string Share(double? share) => share is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "world's own";
}
