using System.Globalization;
using GanSharp.Training;

namespace GanSharp.Cli;

/// <summary>
/// Training progress as plain lines for output that is not a terminal: one line per tenth of the run and one at the
/// last step, each with a text bar and the numbers a practitioner reads. Nothing is redrawn, so a CI log stays readable.
/// </summary>
internal sealed class PlainProgress(int totalSteps, TextWriter output)
{
    private const int BarWidth = 24;

    private readonly int lineInterval = Math.Max(1, totalSteps / 10);
    private int linesWritten;

    public void Report(StepStatistics statistics, double seconds)
    {
        // Reports come at log rows only, so a line goes out at the first row past each tenth.
        if (statistics.Step / lineInterval > linesWritten || statistics.Step == totalSteps)
        {
            linesWritten = statistics.Step / lineInterval;
            output.WriteLine(Format(statistics, seconds));
        }
    }

    private string Format(StepStatistics statistics, double seconds)
    {
        var fraction = Math.Clamp((double)statistics.Step / totalSteps, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var rate = seconds > 0 ? statistics.Step / seconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {statistics.Step}/{totalSteps} {rate,6:F1} step/s  loss_D {statistics.LossD:F3}  loss_G {statistics.LossG:F3}  D(x) {statistics.DReal:F3}  D(G(z)) {statistics.DFake:F3}");
    }
}
