using System.CommandLine;
using System.Text.Json;
using LeadForge.Cli.CommandLine;
using LeadForge.Configuration;

namespace LeadForge.Cli.Commands;

/// <summary><c>leadforge list-recipes [--json]</c>: the recipes this tool can generate.</summary>
internal static class ListRecipesCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Write the list as JSON instead of a table." };
        var command = new Command("list-recipes", "List the recipes (worlds) this tool can generate, with their scheme, modes and tiers.") { json };
        command.SetAction(async (parse, ct) =>
        {
            var recipes = RecipeCatalog.List();
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(ToJson(recipes)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var idWidth = Math.Max("id".Length, recipes.Count == 0 ? 0 : recipes.Max(r => r.Id.Length));
            var schemeWidth = Math.Max("scheme".Length, recipes.Count == 0 ? 0 : recipes.Max(r => r.Scheme.Length));
            await console.Out.WriteLineAsync($"{"id".PadRight(idWidth)}  {"scheme".PadRight(schemeWidth)}  title").ConfigureAwait(false);
            foreach (var recipe in recipes)
            {
                ct.ThrowIfCancellationRequested();
                await console.Out.WriteLineAsync($"{recipe.Id.PadRight(idWidth)}  {recipe.Scheme.PadRight(schemeWidth)}  {recipe.Title}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string ToJson(IReadOnlyList<RecipeInfo> recipes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartArray();
            foreach (var r in recipes)
            {
                writer.WriteStartObject();
                writer.WriteString("id", r.Id);
                writer.WriteString("scheme", r.Scheme);
                writer.WriteString("title", r.Title);
                writer.WriteString("description", r.Description);
                writer.WriteString("primary_task", r.PrimaryTask);
                writer.WriteStartArray("modes");
                foreach (var m in r.SupportedModes)
                {
                    writer.WriteStringValue(m.ToWire());
                }

                writer.WriteEndArray();
                writer.WriteStartArray("difficulties");
                foreach (var d in r.SupportedDifficulties)
                {
                    writer.WriteStringValue(d.ToWire());
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
