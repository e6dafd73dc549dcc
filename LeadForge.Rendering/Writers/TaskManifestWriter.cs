using System.Text.Json;

namespace LeadForge.Rendering.Writers;

/// <summary>Writes a task's <c>task_manifest.json</c>: every <see cref="TaskManifest"/> field in snake_case plus split row counts.</summary>
internal static class TaskManifestWriter
{
    public static void Write(TaskDataset task, bool includeRowCounts, Stream stream)
    {
        var m = task.Manifest;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("task_id", m.TaskId);
        json.WriteString("task_type", m.TaskType);
        json.WriteString("description", m.Description);
        json.WriteString("label_column", m.LabelColumn);
        json.WriteString("row_id_column", m.RowIdColumn);
        json.WriteString("anchor_column", m.AnchorColumn);
        json.WriteString("anchor_rule", m.AnchorRule);
        json.WriteString("primary_table", m.PrimaryTable);
        json.WriteNumber("label_window_days", m.LabelWindowDays);
        json.WriteString("split_strategy", m.SplitStrategy.ToWire());
        json.WriteStartObject("fractions");
        json.WriteNumber("train", m.Fractions.Train);
        json.WriteNumber("valid", m.Fractions.Valid);
        json.WriteNumber("test", m.Fractions.Test);
        json.WriteEndObject();
        WriteOptional(json, "group_column", m.GroupColumn);
        WriteOptional(json, "stratify_column", m.StratifyColumn);
        WriteOptional(json, "time_column", m.TimeColumn);
        json.WriteString("leakage_policy", m.LeakagePolicy);
        json.WriteStartArray("documented_traps");
        foreach (var trap in m.DocumentedTraps)
        {
            json.WriteStringValue(trap);
        }

        json.WriteEndArray();
        if (includeRowCounts)
        {
            json.WriteStartObject("row_counts");
            foreach (var (name, table) in task.Splits)
            {
                json.WriteNumber(name, table.RowCount);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
        stream.Write("\n"u8);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
