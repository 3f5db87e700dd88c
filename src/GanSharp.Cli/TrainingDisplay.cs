using System.Globalization;
using GanSharp.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GanSharp.Cli;

/// <summary>
/// Shows training progress and the final summary. On a terminal a Spectre.Console progress bar is redrawn in place
/// and the summary is a table. Otherwise one plain line per tenth of the run and a one-line summary keep CI logs
/// readable.
/// </summary>
internal static class TrainingDisplay
{
    /// <summary>Runs <paramref name="train"/>, which reports each row of metrics.csv to the callback it is given.</summary>
    public static RunSummary Track(int totalSteps, Func<Action<StepStatistics, double>, RunSummary> train)
    {
        if (!Terminal.IsInteractive)
        {
            var plain = new PlainProgress(totalSteps, Console.Out);
            return train(plain.Report);
        }

        // The numbers go on a line of their own below the bar, so that both fit an 80-column terminal.
        var statistics = new StatisticsLine(totalSteps);
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .UseRenderHook((bar, _) => new Rows(bar, statistics.Render()))
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: totalSteps);
                return train((step, seconds) =>
                {
                    statistics.Update(step, seconds);
                    task.Value = step.Step;
                });
            });
    }

    /// <summary>Prints the outcome of a finished run: a table on a terminal, one line otherwise.</summary>
    public static void ShowFinished(RunSummary summary)
    {
        var line = $"Trained {summary.Steps} steps in {summary.Seconds:F0} s. Run folder: {summary.OutputDirectory}";
        if (!Terminal.IsInteractive)
        {
            Console.WriteLine(line);
            return;
        }

        var last = summary.Last;
        var table = new Table().AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned());
        AddRow(table, "steps", summary.Steps.ToString(CultureInfo.InvariantCulture));
        AddRow(table, "seconds", summary.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        AddRow(table, "loss of D", Format(last.LossD));
        AddRow(table, "loss of G", Format(last.LossG));
        AddRow(table, "D(x)", Format(last.DReal));
        AddRow(table, "D(G(z))", Format(last.DFake));
        AddRow(table, "V̂", Format(last.Value));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(line);
    }

    private static void AddRow(Table table, string quantity, string value) =>
        table.AddRow(Markup.Escape(quantity), Markup.Escape(value));

    private static string Format(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>The line below the bar: step count, speed, losses, D(x) and D(G(z)) of the latest log row.</summary>
    private sealed class StatisticsLine(int totalSteps)
    {
        private volatile string text = "";

        public void Update(StepStatistics statistics, double seconds)
        {
            var rate = seconds > 0 ? statistics.Step / seconds : 0;
            text = string.Create(CultureInfo.InvariantCulture,
                $"{statistics.Step}/{totalSteps} {rate:F1} step/s  loss_D {statistics.LossD:F3}  loss_G {statistics.LossG:F3}  D(x) {statistics.DReal:F3}  D(G(z)) {statistics.DFake:F3}");
        }

        public IRenderable Render() => new Text(text);
    }
}
