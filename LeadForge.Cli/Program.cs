using LeadForge.Configuration;

namespace LeadForge.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // The full command line (generate, inspect, validate) is built in issue 6; until then the
        // tool lists the recipes it can see.
        foreach (var recipe in RecipeCatalog.List())
        {
            Console.WriteLine($"{recipe.Id}\t{recipe.Scheme}\t{recipe.Title}");
        }

        return args.Length == 0 ? 0 : 2;
    }
}
