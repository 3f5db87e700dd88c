using System.Globalization;
using GanSharp.Runtime;
using GanSharp.Theory;
using ScottPlot;
using SkiaSharp;

namespace GanSharp.Reporting;

/// <summary>
/// Draws the phases of training in the layout of Figure 1 of Goodfellow et al. (2014): p_data dotted, p_g solid,
/// D(x) dashed, and below them the noise axis with lines from z to G(z).
/// </summary>
/// <remarks>
/// One chart contains both parts. The densities use the left axis and D(x) the right axis, scaled so that D = 1 is level
/// with the highest density and both axes have 0 on the line of x. Below that line lies the line of z: the noise
/// values sit on it evenly spaced, stretched over the width of the chart, and a straight line joins each z to G(z)
/// on the line of x. Where the lines bunch together, G compresses noise into high density; where they fan out, G
/// spreads it thin.
/// </remarks>
public static class PhaseFigure
{
    /// <summary>Default width of one phase, in pixels.</summary>
    public const int DefaultWidth = 480;

    /// <summary>Default height of one phase, in pixels.</summary>
    public const int DefaultHeight = 440;

    internal static readonly Color DataColor = Colors.Black;
    internal static readonly Color GeneratorColor = Colors.Green;
    internal static readonly Color DiscriminatorColor = Colors.Blue;
    internal static readonly Color MappingColor = Colors.Gray;

    // Heights in units of the highest density: the line of z, the bottom of the chart and its top, which leaves
    // room for the legend above the curves.
    private const double NoiseLineLevel = -0.55;
    private const double BottomLevel = -0.7;
    private const double TopLevel = 1.5;

    /// <summary>Writes one phase as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static void Save(PhaseSnapshot snapshot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckSize(width, height);
        AtomicFile.WriteAllBytes(path, EncodePng(snapshot, width, height));
    }

    /// <summary>
    /// Writes several phases side by side as one PNG, each <paramref name="width"/> × <paramref name="height"/>
    /// pixels, so the image is (count · width) × height.
    /// </summary>
    public static void SaveRow(IReadOnlyList<PhaseSnapshot> snapshots, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckSize(width, height);
        if (snapshots.Count == 0)
        {
            throw new ArgumentException("Give one or more phases to draw.", nameof(snapshots));
        }

        using var row = new SKBitmap(width * snapshots.Count, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(row))
        {
            canvas.Clear(SKColors.White);
            for (var index = 0; index < snapshots.Count; index++)
            {
                using var panel = SKBitmap.Decode(EncodePng(snapshots[index], width, height))
                                  ?? throw new InvalidOperationException("SkiaSharp failed to decode a rendered phase.");
                canvas.DrawBitmap(panel, index * width, 0);
            }
        }

        using var data = row.Encode(SKEncodedImageFormat.Png, 100)
                         ?? throw new InvalidOperationException("SkiaSharp failed to encode the phases as PNG.");
        AtomicFile.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>Draws one phase and returns the PNG file content.</summary>
    public static byte[] EncodePng(PhaseSnapshot snapshot, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        CheckSize(width, height);
        CheckLengths(snapshot);

        using var plot = new Plot();
        var scale = HighestDensity(snapshot);
        var left = snapshot.Grid[0];
        var right = snapshot.Grid[^1];

        AddCurve(plot, snapshot.Grid, snapshot.DataDensity, "p_data", DataColor, LinePattern.Dotted);
        AddCurve(plot, snapshot.Grid, snapshot.GeneratorDensity, "p_g", GeneratorColor, LinePattern.Solid);
        var discriminator = AddCurve(plot, snapshot.Grid, snapshot.Discriminator, "D(x)", DiscriminatorColor, LinePattern.Dashed);
        discriminator.Axes.YAxis = plot.Axes.Right;

        AddMapping(plot, snapshot, left, right, scale);

        plot.HideGrid();
        plot.Title(snapshot.Label);
        plot.XLabel("x");
        plot.YLabel("density");
        plot.Axes.Right.Label.Text = "D(x)";
        plot.Axes.SetLimitsX(left, right);
        plot.Axes.SetLimitsY(BottomLevel * scale, TopLevel * scale);
        plot.Axes.SetLimitsY(BottomLevel, TopLevel, plot.Axes.Right);
        SetDensityTicks(plot.Axes.Left, scale);
        plot.Axes.Right.SetTicks([0, 0.5, 1], ["0", "0.5", "1"]);
        plot.ShowLegend(Alignment.UpperRight);

        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static ScottPlot.Plottables.Scatter AddCurve(Plot plot, double[] xs, double[] ys, string name, Color color, LinePattern pattern)
    {
        var (keptXs, keptYs) = FinitePairs(xs, ys);
        var curve = plot.Add.ScatterLine(keptXs, keptYs, color);
        curve.LineWidth = 2f;
        curve.LinePattern = pattern;
        curve.LegendText = name;
        return curve;
    }

    /// <summary>Draws the lines of x and z and a line from each noise value z to G(z).</summary>
    private static void AddMapping(Plot plot, PhaseSnapshot snapshot, double left, double right, double scale)
    {
        var noiseLevel = NoiseLineLevel * scale;
        AddAxisLine(plot, left, right, 0);
        AddAxisLine(plot, left, right, noiseLevel);

        // The noise values are spread over the middle 80 % of the width, lowest on the left.
        var noiseLow = snapshot.Noise.Min();
        var noiseHigh = snapshot.Noise.Max();
        var span = noiseHigh > noiseLow ? noiseHigh - noiseLow : 1;
        double NoisePosition(double z) => left + (0.1 + 0.8 * (z - noiseLow) / span) * (right - left);

        for (var index = 0; index < snapshot.Noise.Length; index++)
        {
            var start = NoisePosition(snapshot.Noise[index]);
            var end = snapshot.Mapped[index];
            plot.Add.Marker(start, noiseLevel, MarkerShape.FilledCircle, 5, MappingColor);
            if (!double.IsFinite(end))
            {
                continue;
            }

            var line = plot.Add.Line(start, noiseLevel, end, 0);
            line.LineColor = MappingColor;
            line.LineWidth = 1f;
            plot.Add.Marker(end, 0, MarkerShape.FilledCircle, 4, MappingColor);
        }

        AddLabel(plot, FormatNumber(noiseLow), NoisePosition(noiseLow), noiseLevel, Alignment.UpperCenter);
        AddLabel(plot, FormatNumber(noiseHigh), NoisePosition(noiseHigh), noiseLevel, Alignment.UpperCenter);
        AddLabel(plot, "z", left, noiseLevel, Alignment.LowerLeft);
        AddLabel(plot, "x", left, 0, Alignment.LowerLeft);
    }

    private static void AddAxisLine(Plot plot, double left, double right, double level)
    {
        var line = plot.Add.Line(left, level, right, level);
        line.LineColor = Colors.Black;
        line.LineWidth = 1.5f;
    }

    private static void AddLabel(Plot plot, string text, double x, double y, Alignment alignment)
    {
        var label = plot.Add.Text(text, x, y);
        label.Alignment = alignment;
        label.LabelFontSize = 13;
        label.OffsetX = alignment == Alignment.LowerLeft ? 4 : 0;
        label.OffsetY = alignment == Alignment.UpperCenter ? 4 : -2;
    }

    /// <summary>Labels the density axis at 1-, 2- or 5-step values from 0 up to the highest density, and not below 0.</summary>
    private static void SetDensityTicks(IAxis axis, double scale)
    {
        var rough = scale / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(factor => factor * magnitude).First(candidate => candidate >= rough);
        var count = (int)Math.Floor(scale / step + 1e-9) + 1;
        var positions = Enumerable.Range(0, count).Select(index => index * step).ToArray();
        axis.SetTicks(positions, positions.Select(FormatNumber).ToArray());
    }

    /// <summary>Returns the largest finite density of either curve, or 1 when there is none.</summary>
    private static double HighestDensity(PhaseSnapshot snapshot)
    {
        var highest = snapshot.DataDensity.Concat(snapshot.GeneratorDensity).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        return highest > 0 ? highest : 1;
    }

    private static string FormatNumber(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static (double[] Xs, double[] Ys) FinitePairs(double[] xs, double[] ys)
    {
        var finiteIndices = Enumerable.Range(0, xs.Length).Where(index => double.IsFinite(xs[index]) && double.IsFinite(ys[index])).ToArray();
        return (finiteIndices.Select(index => xs[index]).ToArray(), finiteIndices.Select(index => ys[index]).ToArray());
    }

    private static void CheckLengths(PhaseSnapshot snapshot)
    {
        var grid = snapshot.Grid.Length;
        if (grid < 2 || snapshot.DataDensity.Length != grid || snapshot.GeneratorDensity.Length != grid || snapshot.Discriminator.Length != grid)
        {
            throw new ArgumentException(
                $"The phase '{snapshot.Label}' needs 2 or more grid points and one density and D value per point, but has {grid} points, "
                + $"{snapshot.DataDensity.Length} p_data, {snapshot.GeneratorDensity.Length} p_g and {snapshot.Discriminator.Length} D values.",
                nameof(snapshot));
        }

        if (snapshot.Noise.Length != snapshot.Mapped.Length || snapshot.Noise.Length == 0)
        {
            throw new ArgumentException(
                $"The phase '{snapshot.Label}' needs one G(z) per noise value and at least one of each, but has {snapshot.Noise.Length} and {snapshot.Mapped.Length}.",
                nameof(snapshot));
        }

        if (!double.IsFinite(snapshot.Grid[0]) || !double.IsFinite(snapshot.Grid[^1]) || !(snapshot.Grid[0] < snapshot.Grid[^1]))
        {
            throw new ArgumentException($"The phase '{snapshot.Label}' needs a finite, increasing grid.", nameof(snapshot));
        }
    }

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
    }
}
