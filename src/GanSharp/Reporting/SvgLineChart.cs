using System.Globalization;
using System.Net;
using System.Text;

namespace GanSharp.Reporting;

/// <summary>
/// A line chart drawn as inline SVG markup, so that an HTML page shows it without scripts or image files.
/// NaN values leave gaps in a line. A series drawn as points marks each finite value with a dot.
/// </summary>
public sealed class SvgLineChart(string title, string xLabel)
{
    private const double Width = 520;
    private const double Height = 260;
    private const double Left = 56;
    private const double Right = 130;
    private const double Top = 30;
    private const double Bottom = 44;

    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    private readonly List<(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Points)> series = [];
    private readonly List<(string Label, double Y)> references = [];

    public SvgLineChart AddLine(string label, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        series.Add((label, x, y, false));
        return this;
    }

    public SvgLineChart AddPoints(string label, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        series.Add((label, x, y, true));
        return this;
    }

    /// <summary>Adds a dashed horizontal line at <paramref name="y"/>, such as the value at equilibrium.</summary>
    public SvgLineChart AddReference(string label, double y)
    {
        references.Add((label, y));
        return this;
    }

    /// <summary>Returns the <c>&lt;svg&gt;</c> element.</summary>
    public string ToSvg()
    {
        var xs = series.SelectMany(item => item.X).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var ys = series.SelectMany(item => item.Y).Concat(references.Select(item => item.Y)).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        var (xMin, xMax) = Widen(xs.Min(), xs.Max());
        var (yMin, yMax) = Widen(ys.Min(), ys.Max());
        double MapX(double x) => Left + (x - xMin) / (xMax - xMin) * (Width - Left - Right);
        double MapY(double y) => Height - Bottom - (y - yMin) / (yMax - yMin) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Encode(title)}\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"18\" class=\"chart-title\">{Encode(title)}</text>"));
        DrawAxes(svg, xMin, xMax, yMin, yMax, MapX, MapY);

        var legendY = Top + 8;
        foreach (var (label, y) in references)
        {
            var mapped = MapY(y);
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{mapped:F1}\" y2=\"{mapped:F1}\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>"));
            svg.Append(Invariant($"<line x1=\"{Width - Right + 12}\" x2=\"{Width - Right + 32}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>"));
            svg.Append(Invariant($"<text x=\"{Width - Right + 38}\" y=\"{legendY + 4}\">{Encode(label)}</text>"));
            legendY += 18;
        }

        for (var index = 0; index < series.Count; index++)
        {
            var (label, x, y, points) = series[index];
            var color = Colors[index % Colors.Length];
            if (points)
            {
                DrawPoints(svg, x, y, color, MapX, MapY);
                svg.Append(Invariant($"<circle cx=\"{Width - Right + 22}\" cy=\"{legendY}\" r=\"3\" fill=\"{color}\"/>"));
            }
            else
            {
                DrawLine(svg, x, y, color, MapX, MapY);
                svg.Append(Invariant($"<line x1=\"{Width - Right + 12}\" x2=\"{Width - Right + 32}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"/>"));
            }

            svg.Append(Invariant($"<text x=\"{Width - Right + 38}\" y=\"{legendY + 4}\">{Encode(label)}</text>"));
            legendY += 18;
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private void DrawAxes(StringBuilder svg, double xMin, double xMax, double yMin, double yMax, Func<double, double> mapX, Func<double, double> mapY)
    {
        var plotBottom = Height - Bottom;
        svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#999\"/>"));
        foreach (var tick in Ticks(xMin, xMax))
        {
            var x = mapX(tick);
            svg.Append(Invariant($"<line x1=\"{x:F1}\" x2=\"{x:F1}\" y1=\"{plotBottom}\" y2=\"{plotBottom + 4}\" stroke=\"#999\"/>"));
            svg.Append(Invariant($"<text x=\"{x:F1}\" y=\"{plotBottom + 16}\" text-anchor=\"middle\">{FormatTick(tick)}</text>"));
        }

        foreach (var tick in Ticks(yMin, yMax))
        {
            var y = mapY(tick);
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:F1}\" y2=\"{y:F1}\" stroke=\"#eee\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{FormatTick(tick)}</text>"));
        }

        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(xLabel)}</text>"));
    }

    private static void DrawLine(StringBuilder svg, IReadOnlyList<double> x, IReadOnlyList<double> y, string color, Func<double, double> mapX, Func<double, double> mapY)
    {
        var segment = new List<string>();
        void Flush()
        {
            if (segment.Count > 1)
            {
                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(' ', segment)}\"/>"));
            }
            else if (segment.Count == 1)
            {
                var parts = segment[0].Split(',');
                svg.Append(Invariant($"<circle cx=\"{parts[0]}\" cy=\"{parts[1]}\" r=\"2\" fill=\"{color}\"/>"));
            }

            segment.Clear();
        }

        for (var index = 0; index < Math.Min(x.Count, y.Count); index++)
        {
            if (!double.IsFinite(x[index]) || !double.IsFinite(y[index]))
            {
                Flush();
                continue;
            }

            segment.Add(Invariant($"{mapX(x[index]):F1},{mapY(y[index]):F1}"));
        }

        Flush();
    }

    private static void DrawPoints(StringBuilder svg, IReadOnlyList<double> x, IReadOnlyList<double> y, string color, Func<double, double> mapX, Func<double, double> mapY)
    {
        for (var index = 0; index < Math.Min(x.Count, y.Count); index++)
        {
            if (double.IsFinite(x[index]) && double.IsFinite(y[index]))
            {
                svg.Append(Invariant($"<circle cx=\"{mapX(x[index]):F1}\" cy=\"{mapY(y[index]):F1}\" r=\"3\" fill=\"{color}\"/>"));
            }
        }
    }

    /// <summary>Returns a range with room around the data, and of non-zero width for a constant series.</summary>
    private static (double Min, double Max) Widen(double min, double max)
    {
        if (max - min < 1e-12)
        {
            var half = Math.Max(Math.Abs(min) * 0.1, 0.5);
            return (min - half, max + half);
        }

        var margin = (max - min) * 0.05;
        return (min - margin, max + margin);
    }

    /// <summary>Returns about six tick positions at multiples of 1, 2 or 5 times a power of ten.</summary>
    private static IEnumerable<double> Ticks(double min, double max)
    {
        var rough = (max - min) / 6;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(factor => factor * power).First(candidate => candidate >= rough);
        for (var tick = Math.Ceiling(min / step) * step; tick <= max; tick += step)
        {
            yield return Math.Abs(tick) < step * 1e-9 ? 0 : tick;
        }
    }

    private static string FormatTick(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
