using System.Text.Json;
using LeadForge.Rendering.Json;

namespace LeadForge.Rendering.Writers;

/// <summary>Writes and reads a task's <c>task_manifest.json</c> through the bundle JSON context (<see cref="TaskManifestDocument"/>).</summary>
internal static class TaskManifestWriter
{
    public static void Write(TaskDataset task, bool includeRowCounts, Stream stream)
    {
        JsonSerializer.Serialize(stream, TaskManifestDocument.From(task, includeRowCounts), BundleJsonContext.Bundle.TaskManifestDocument);
        stream.Write("\n"u8);
    }

    /// <summary>Parses a task manifest; throws <see cref="JsonException"/> when malformed.</summary>
    public static TaskManifestDocument Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, BundleJsonContext.Bundle.TaskManifestDocument) ?? throw new JsonException("The task manifest is JSON null.");
}
