using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LeadForge.Cli.CommandLine;
using LeadForge.Cli.Progress;
using LeadForge.Rendering;
using LeadForge.Schemes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadForge.Cli.Commands;

/// <summary>
/// <c>leadforge generate</c>: resolves the configuration (builder flags &gt; override file &gt;
/// recipe &gt; package defaults), validates it before any work, generates the world and saves the
/// bundle atomically.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var recipe = new Option<string>("--recipe", "-r")
        {
            Description = "Recipe id (see list-recipes) or the path of a recipe YAML file.",
            Required = true,
        };
        var seed = new Option<long?>("--seed", "-s") { Description = "Master seed. Same seed and config, same bundle. [default: the recipe's seed]" };
        var mode = new Option<string?>("--mode", "-m") { Description = "Exposure mode: student_public (snapshot-safe, no truth) or research_instructor (everything plus metadata/). [default: student_public]" };
        mode.AcceptOnlyFromAmong(WireChoices.Of<ExposureMode>());
        var difficulty = new Option<string?>("--difficulty", "-d") { Description = "Difficulty tier. [default: intermediate]" };
        difficulty.AcceptOnlyFromAmong(WireChoices.Of<Difficulty>());
        var population = new PopulationOptions();
        var output = new Option<string>("--out", "-o") { Description = "The bundle folder to create.", Required = true };
        var overrides = new Option<FileInfo>("--override") { Description = "A YAML or JSON file whose keys override the recipe (unknown keys are errors)." };
        overrides.AcceptExistingOnly();
        var format = new Option<string>("--format", "-f") { Description = "File format of tables and task splits.", DefaultValueFactory = _ => "parquet" };
        format.AcceptOnlyFromAmong("parquet", "csv");
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing LeadForge bundle at --out (only a folder whose manifests list everything in it; for a shard: replace this shard's parts)." };
        var shard = new Option<ShardSpec?>("--shard")
        {
            Description = "Generate only shard k of n (0 <= k < n), partitioned by account; writes tables/<table>/part-<k>.parquet.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                try
                {
                    return ShardSpec.Parse(text);
                }
                catch (FormatException ex)
                {
                    result.AddError($"--shard: {ex.Message}");
                    return null;
                }
            },
        };
        var threads = PositiveCount("--threads", "Degree of parallelism. Output is identical for any value. [default: all cores]");
        var allowLarge = new Option<bool>("--allow-large-population") { Description = "Allow populations above the safety guard (2,000,000 leads)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display and no summary; errors only." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log each stage and file to standard error." };

        var command = new Command("generate", "Generate a world and save it as a bundle (manifest, dataset card, tables, task splits).")
        {
            recipe, seed, mode, difficulty,
        };
        population.AddTo(command);
        foreach (var option in new Option[] { output, overrides, format, overwrite, shard, threads, allowLarge, quiet, verbose })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var outPath = parse.GetRequiredValue(output);
            var shardSpec = parse.GetValue(shard);
            var mayOverwrite = parse.GetValue(overwrite);
            // The same rule the save applies, checked before any work: only a LeadForge bundle is ever replaced.
            BundleFolder.EnsureWritable(outPath, new SaveOptions { Overwrite = mayOverwrite }, shardSpec);

            using var loggerFactory = parse.GetValue(verbose)
                ? LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddSimpleConsole(o => o.SingleLine = true).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
                : NullLoggerFactory.Instance;
            var logger = loggerFactory.CreateLogger("LeadForge");

            var builder = Generator.FromRecipe(parse.GetRequiredValue(recipe)).WithLogger(logger);
            if (parse.GetValue(seed) is { } s)
            {
                builder = builder.WithSeed(s);
            }

            if (parse.GetValue(mode) is { } m)
            {
                builder = builder.WithExposure(WireChoices.Parse<ExposureMode>(m));
            }

            if (parse.GetValue(difficulty) is { } d)
            {
                builder = builder.WithDifficulty(WireChoices.Parse<Difficulty>(d));
            }

            // Counts not given follow the scheme's driver entity in the recipe's proportions (the builder
            // does that); unknown entities are configuration errors naming the scheme's entities.
            foreach (var (entity, value) in population.Counts(parse))
            {
                builder = builder.WithCount(entity, value);
            }

            if (parse.GetValue(overrides) is { } file)
            {
                builder = builder.WithOverrides(file.FullName);
            }

            if (parse.GetValue(allowLarge))
            {
                builder = builder.AllowLargePopulation();
            }

            if (parse.GetValue(threads) is { } dop)
            {
                builder = builder.WithDegreeOfParallelism(dop);
            }

            if (shardSpec is not null)
            {
                builder = builder.WithShard(shardSpec.Index, shardSpec.Count);
            }

            // Resolve (and so validate) everything before any work starts.
            var config = builder.ResolveConfig();
            var started = Stopwatch.GetTimestamp();
            var isQuiet = parse.GetValue(quiet);
            var (bundle, manifest) = await StageProgress.RunAsync(console, isQuiet, async progress =>
            {
                var generated = await builder.GenerateAsync(progress, ct).ConfigureAwait(false);

                var saveOptions = new SaveOptions
                {
                    Format = parse.GetValue(format) == "csv" ? TableFormat.Csv : TableFormat.Parquet,
                    Overwrite = mayOverwrite,
                    Progress = progress,
                    Logger = logger,
                    MaxDegreeOfParallelism = parse.GetValue(threads),
                };
                var written = await generated.SaveAsync(outPath, saveOptions, ct).ConfigureAwait(false);
                return (generated, written);
            }).ConfigureAwait(false);

            if (!isQuiet)
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var rows = bundle.Tables.Sum(t => (long)t.RowCount);
                var tasks = string.Join(", ", bundle.Tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Id} {t.Train.RowCount:N0}/{t.Valid.RowCount:N0}/{t.Test.RowCount:N0}")));
                await console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Wrote {outPath}: {config.Recipe.Id}, seed {config.Seed}, {config.ExposureMode.ToWire()}, {config.Difficulty.ToWire()}{(shardSpec is null ? string.Empty : $", shard {shardSpec.Index}/{shardSpec.Count}")}; {bundle.Tables.Count} tables ({rows:N0} rows), task {tasks} (train/valid/test), {manifest.Files.Count} files in {elapsed:F2} s.")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<int?> PositiveCount(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value < 1)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a positive integer (got {value})."));
            }
        });
        return option;
    }
}
