// The README's C# snippets live here, between #region markers, and are compiled twice: by the test
// project (which also runs them) and by the consumer app that CI builds against the packed
// packages. ReadmeSnippetTests fails when the README and this file disagree.
using LeadForge;
using LeadForge.DependencyInjection;
using LeadForge.Rendering;
using LeadForge.Tables;
using LeadForge.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace LeadForge.Samples;

/// <summary>The README quickstart as runnable code.</summary>
public static class Quickstart
{
    /// <summary>Generates a world, saves it, streams a table, reads a split back and validates the folder.</summary>
    /// <param name="folder">The bundle folder to create.</param>
    /// <param name="leads">The number of leads.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether the saved bundle passed validation.</returns>
    public static async Task<bool> RunAsync(string folder, int leads = 5_000, CancellationToken cancellationToken = default)
    {
        #region generate
        WorldBundle bundle = await Generator
            .FromRecipe("b2b_saas_procurement_v1")
            .WithSeed(42)
            .WithExposure(ExposureMode.StudentPublic)
            .WithDifficulty(Difficulty.Intermediate)
            .WithLeads(leads)
            .GenerateAsync(cancellationToken: cancellationToken);

        Table leadTable = bundle.Tables["leads"];
        TaskDataset task = bundle.Tasks["converted_within_90_days"];
        Console.WriteLine($"{leadTable.RowCount} leads; {task.Train.RowCount} training rows");
        #endregion

        #region save
        await bundle.SaveAsync(folder, new SaveOptions { Format = TableFormat.Parquet }, cancellationToken);

        await using (var stream = File.Create(Path.Combine(folder, "..", "touches-copy.parquet")))
        {
            await bundle.Tables["touches"].WriteParquetAsync(stream, cancellationToken: cancellationToken);
        }
        #endregion

        #region load
        BundleManifest manifest = await BundleManifest.LoadAsync(folder, cancellationToken);
        Table train = await BundleReader.ReadTaskSplitAsync(folder, "converted_within_90_days", "train", cancellationToken);
        Table accounts = await BundleReader.ReadTableAsync(folder, "accounts", cancellationToken);
        Console.WriteLine($"seed {manifest.Seed}: {train.RowCount} train rows, {accounts.RowCount} accounts");
        #endregion

        #region validate
        ValidationReport report = await new BundleValidator().ValidateAsync(folder, cancellationToken);
        Console.WriteLine(report.ToText());
        #endregion

        return report.Passed;
    }

    /// <summary>Resolves a generator from dependency injection, with options validated on start.</summary>
    /// <returns>The number of leads in the generated bundle.</returns>
    public static int RunWithDependencyInjection()
    {
        #region di
        var services = new ServiceCollection();
        services.AddLeadForge(options =>
        {
            options.RecipeId = "b2b_saas_procurement_v1";
            options.Seed = 7;
            options.Population["leads"] = 1_000;
        });

        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILeadForgeGeneratorFactory>();
        WorldBundle bundle = factory.Create().Generate();
        #endregion

        return bundle.Tables["leads"].RowCount;
    }
}
