using System.Text.Json;
using LeadForge.Rendering.Json;

namespace LeadForge.Rendering.Writers;

/// <summary>Writes and reads a task's <c>task_manifest.json</c> through the bundle JSON context (the split row counts recorded for a whole world).</summary>
internal static class TaskManifestWriter
{
    public static void Write(TaskDataset task, bool includeRowCounts, Stream stream)
    {
        var manifest = task.Manifest with { RowCounts = includeRowCounts ? new SplitRowCounts(task.Train.RowCount, task.Valid.RowCount, task.Test.RowCount) : null };
        JsonSerializer.Serialize(stream, manifest, BundleJsonContext.Bundle.TaskManifest);
        stream.Write("\n"u8);
    }

    /// <summary>Parses a task manifest; throws <see cref="JsonException"/> when malformed.</summary>
    public static TaskManifest Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, BundleJsonContext.Bundle.TaskManifest) ?? throw new JsonException("The task manifest is JSON null.");
}
