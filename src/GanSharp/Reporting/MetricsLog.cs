using System.Globalization;
using System.Text;
using GanSharp.Runtime;
using GanSharp.Training;

namespace GanSharp.Reporting;

/// <summary>
/// Rows of <c>metrics.csv</c>: <c>step,loss_d,loss_g,d_real,d_fake,value,seconds</c>. The whole file is rewritten
/// atomically on every flush, so a reader never sees a half-written row.
/// </summary>
public sealed class MetricsLog
{
    public const string Header = "step,loss_d,loss_g,d_real,d_fake,value,seconds";

    private readonly List<(StepStatistics Statistics, double Seconds)> rows = [];

    public IReadOnlyList<(StepStatistics Statistics, double Seconds)> Rows => rows;

    public void Add(StepStatistics statistics, double seconds) => rows.Add((statistics, seconds));

    public void Save(string path)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (statistics, seconds) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{statistics.Step},{statistics.LossD:G7},{statistics.LossG:G7},{statistics.DReal:G7},{statistics.DFake:G7},{statistics.Value:G7},{seconds:F3}");
        }

        AtomicFile.WriteAllText(path, text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
