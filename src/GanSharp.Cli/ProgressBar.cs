using System.Diagnostics;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// Shows training progress at each row of metrics.csv: a bar redrawn in place on a terminal, or one plain line per
/// tenth of the run when the output is redirected, so that CI logs stay readable.
/// </summary>
internal sealed class ProgressBar(int totalSteps)
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);

    private readonly bool interactive = !Console.IsOutputRedirected;
    private readonly Stopwatch sinceRedraw = Stopwatch.StartNew();
    private readonly int lineInterval = Math.Max(1, totalSteps / 10);
    private int linesWritten;

    public void Report(StepStatistics statistics, double seconds)
    {
        var done = statistics.Step == totalSteps;
        if (interactive)
        {
            if (!done && sinceRedraw.Elapsed < RedrawInterval)
            {
                return;
            }

            sinceRedraw.Restart();
            Console.Write($"\r{Format(statistics, seconds)}");
            if (done)
            {
                Console.WriteLine();
            }
        }
        else if (statistics.Step / lineInterval > linesWritten || done)
        {
            // Reports come at log rows only, so a line goes out at the first row past each tenth.
            linesWritten = statistics.Step / lineInterval;
            Console.WriteLine(Format(statistics, seconds));
        }
    }

    private string Format(StepStatistics statistics, double seconds)
    {
        var fraction = (double)statistics.Step / totalSteps;
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var rate = seconds > 0 ? statistics.Step / seconds : 0;
        return $"[{bar}] {statistics.Step}/{totalSteps} {rate,6:F1} step/s  loss_D {statistics.LossD:F3}  "
               + $"loss_G {statistics.LossG:F3}  D(x) {statistics.DReal:F3}  D(G(z)) {statistics.DFake:F3}";
    }
}
