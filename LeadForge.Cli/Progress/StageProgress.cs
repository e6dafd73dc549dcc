using System.Diagnostics;
using LeadForge.Schemes;
using Spectre.Console;

namespace LeadForge.Cli.Progress;

/// <summary>
/// Shows generation and save progress on standard error: live bars on a terminal, one line per
/// finished stage when standard error is a pipe or file, nothing with <c>--quiet</c>.
/// </summary>
internal sealed class StageProgress : IProgress<GenerationProgress>
{
    private static readonly GenerationStage[] Stages = Enum.GetValues<GenerationStage>();
    private readonly TextWriter? _lines;
    private readonly Dictionary<GenerationStage, ProgressTask>? _bars;
    private readonly Lock _gate = new();
    private GenerationStage? _current;
    private long _stageStarted;

    private StageProgress(TextWriter? lines, Dictionary<GenerationStage, ProgressTask>? bars)
    {
        _lines = lines;
        _bars = bars;
    }

    /// <summary>Runs <paramref name="work"/> with a progress sink suited to the console.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="console">The console.</param>
    /// <param name="quiet">Whether to show nothing.</param>
    /// <param name="work">The work, given the sink.</param>
    /// <returns>The work's result.</returns>
    public static async Task<T> RunAsync<T>(CommandLine.CliConsole console, bool quiet, Func<IProgress<GenerationProgress>?, Task<T>> work)
    {
        if (quiet)
        {
            return await work(null).ConfigureAwait(false);
        }

        if (!console.IsInteractive)
        {
            var lines = new StageProgress(console.Error, null);
            var result = await work(lines).ConfigureAwait(false);
            lines.Complete();
            return result;
        }

        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        return await ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var bars = Stages.ToDictionary(s => s, s => ctx.AddTask(StageName(s), autoStart: false, maxValue: 1.0));
                var result = await work(new StageProgress(null, bars)).ConfigureAwait(false);
                foreach (var bar in bars.Values.Where(b => b.IsStarted))
                {
                    bar.Value = bar.MaxValue;
                    bar.StopTask();
                }

                return result;
            }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Report(GenerationProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_bars is not null)
            {
                var bar = _bars[value.Stage];
                if (!bar.IsStarted)
                {
                    bar.StartTask();
                }

                bar.Value = Math.Clamp(value.Fraction, 0, 1);
                foreach (var earlier in Stages.Where(s => s < value.Stage).Select(s => _bars[s]).Where(b => b.IsStarted && !b.IsFinished))
                {
                    earlier.Value = earlier.MaxValue;
                    earlier.StopTask();
                }

                return;
            }

            if (_current != value.Stage)
            {
                FinishCurrent();
                _current = value.Stage;
                _stageStarted = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Complete()
    {
        lock (_gate)
        {
            FinishCurrent();
        }
    }

    private void FinishCurrent()
    {
        if (_current is { } stage && _lines is not null)
        {
            _lines.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"leadforge: {StageName(stage)} done in {Stopwatch.GetElapsedTime(_stageStarted).TotalSeconds:F2} s"));
            _current = null;
        }
    }

    private static string StageName(GenerationStage stage) => stage switch
    {
        GenerationStage.Plan => "plan",
        GenerationStage.BuildWorld => "world",
        GenerationStage.Simulate => "simulate",
        GenerationStage.Render => "render",
        GenerationStage.Save => "save",
        _ => stage.ToString().ToLowerInvariant(),
    };
}
