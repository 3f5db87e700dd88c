using GanSharp.Runtime;
using GanSharp.Theory;
using ScottPlot;

namespace GanSharp.Reporting;

/// <summary>
/// Draws real and generated samples and training metrics as PNG charts with ScottPlot, written with
/// <see cref="AtomicFile"/>.
/// </summary>
/// <remarks>
/// NaN and infinite sample values are dropped before drawing, and the legend states how many were dropped,
/// so a diverged run still produces a chart.
/// </remarks>
public static class SamplePlots
{
    /// <summary>Default chart width in pixels.</summary>
    public const int DefaultWidth = 640;

    /// <summary>Default chart height in pixels.</summary>
    public const int DefaultHeight = 480;

    private const int DensityGridPoints = 512;

    internal static readonly Color RealColor = Colors.SteelBlue;
    internal static readonly Color GeneratedColor = Colors.OrangeRed;
    internal static readonly Color ReferenceColor = Colors.Black;

    /// <summary>Colours of training curves in series order. The palette repeats after ten series.</summary>
    internal static readonly IPalette SeriesPalette = new ScottPlot.Palettes.Category10();

    /// <summary>
    /// Draws Gaussian kernel density estimates of real (dashed) and generated (solid) one-dimensional samples,
    /// and optionally the true density of the real data (dotted).
    /// </summary>
    /// <param name="real">Real values x ~ p_data.</param>
    /// <param name="generated">Generated values G(z).</param>
    /// <param name="path">PNG file to create or replace.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="realDensity">True density p_data(x), when known.</param>
    /// <param name="width">Chart width in pixels.</param>
    /// <param name="height">Chart height in pixels.</param>
    /// <remarks>
    /// Each curve uses Silverman's rule-of-thumb bandwidth. A sample without spread, such as a collapsed
    /// generator that returns one value, gets a bandwidth of 1% of the range spanned by both samples and shows as a narrow peak.
    /// </remarks>
    public static void Density1D(
        float[] real,
        float[] generated,
        string path,
        string title,
        Func<double, double>? realDensity = null,
        int width = DefaultWidth,
        int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckSize(width, height);

        var realValues = Finite(real);
        var generatedValues = Finite(generated);
        var points = DensityGrid(realValues, generatedValues, out var fallbackBandwidth);

        using var plot = new Plot();
        AddDensityCurve(plot, realValues, real.Length, points, fallbackBandwidth, "real", RealColor, LinePattern.Dashed);
        AddDensityCurve(
            plot, generatedValues, generated.Length, points, fallbackBandwidth, "generated", GeneratedColor, LinePattern.Solid);

        if (realDensity is not null)
        {
            var densities = points.Select(realDensity).ToArray();
            var (xs, ys) = FinitePairs(points, densities);
            var curve = plot.Add.ScatterLine(xs, ys, ReferenceColor);
            curve.LineWidth = 1.5f;
            curve.LinePattern = LinePattern.Dotted;
            curve.LegendText = "real density";
        }

        plot.Title(title);
        plot.XLabel("x");
        plot.YLabel("density");
        ShowLegendAboveData(plot, height);
        Save(plot, path, width, height);
    }

    /// <summary>Draws real and generated two-dimensional points as two point clouds on equally scaled axes.</summary>
    /// <param name="realX">First coordinate of each real point.</param>
    /// <param name="realY">Second coordinate of each real point.</param>
    /// <param name="generatedX">First coordinate of each generated point.</param>
    /// <param name="generatedY">Second coordinate of each generated point.</param>
    /// <param name="path">PNG file to create or replace.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="width">Chart width in pixels.</param>
    /// <param name="height">Chart height in pixels.</param>
    /// <remarks>A point is dropped when either coordinate is NaN or infinite.</remarks>
    public static void Scatter2D(
        float[] realX,
        float[] realY,
        float[] generatedX,
        float[] generatedY,
        string path,
        string title,
        int width = DefaultWidth,
        int height = DefaultHeight)
    {
        CheckPairs(realX, realY, nameof(realY));
        CheckPairs(generatedX, generatedY, nameof(generatedY));
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckSize(width, height);

        using var plot = new Plot();
        AddPointCloud(plot, realX, realY, "real", RealColor);
        AddPointCloud(plot, generatedX, generatedY, "generated", GeneratedColor);

        plot.Axes.SquareUnits();
        plot.Title(title);
        plot.XLabel("x₁");
        plot.YLabel("x₂");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path, width, height);
    }

    /// <summary>Draws one line per named series over training steps.</summary>
    /// <param name="steps">Step of each recorded value, shared by all series.</param>
    /// <param name="series">
    /// Values per series name, each as long as <paramref name="steps"/>. Lines are drawn, and listed in the
    /// legend, in the dictionary's enumeration order.
    /// </param>
    /// <param name="path">PNG file to create or replace.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="referenceValue">Height of a dashed horizontal line, such as −ln 4 for the GAN value at equilibrium.</param>
    /// <param name="referenceLabel">Legend entry for the reference line.</param>
    /// <param name="yLabel">Label of the vertical axis.</param>
    /// <param name="width">Chart width in pixels.</param>
    /// <param name="height">Chart height in pixels.</param>
    public static void TrainingCurves(
        IReadOnlyList<long> steps,
        IReadOnlyDictionary<string, IReadOnlyList<double>> series,
        string path,
        string title,
        double? referenceValue = null,
        string? referenceLabel = null,
        string yLabel = "value",
        int width = DefaultWidth,
        int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (name, values) in series)
        {
            if (values.Count != steps.Count)
            {
                throw new ArgumentException(
                    $"Series '{name}' has {values.Count} values but there are {steps.Count} steps; "
                    + "record one value per step.",
                    nameof(series));
            }
        }

        var curves = series.Select(pair => new CurveSeries(pair.Key, steps, pair.Value)).ToArray();
        TrainingCurves(curves, path, title, referenceValue, referenceLabel, yLabel, width, height);
    }

    /// <summary>Draws one line per series over training steps, each series with steps of its own.</summary>
    /// <param name="series">The lines, drawn and listed in the legend in this order.</param>
    /// <param name="path">PNG file to create or replace.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="referenceValue">Height of a dashed horizontal line, such as −ln 4 for the GAN value at equilibrium.</param>
    /// <param name="referenceLabel">Legend entry for the reference line.</param>
    /// <param name="yLabel">Label of the vertical axis.</param>
    /// <param name="width">Chart width in pixels.</param>
    /// <param name="height">Chart height in pixels.</param>
    public static void TrainingCurves(
        IReadOnlyList<CurveSeries> series,
        string path,
        string title,
        double? referenceValue = null,
        string? referenceLabel = null,
        string yLabel = "value",
        int width = DefaultWidth,
        int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckSize(width, height);
        if (referenceValue is { } requested && !double.IsFinite(requested))
        {
            throw new ArgumentOutOfRangeException(nameof(referenceValue), requested, "The reference line needs a finite height.");
        }

        foreach (var curve in series)
        {
            if (curve.Values.Count != curve.Steps.Count)
            {
                throw new ArgumentException(
                    $"Series '{curve.Name}' has {curve.Values.Count} values but {curve.Steps.Count} steps; "
                    + "record one value per step.",
                    nameof(series));
            }
        }

        using var plot = new Plot();
        var seriesIndex = 0;
        foreach (var curve in series)
        {
            var stepValues = curve.Steps.Select(step => (double)step).ToArray();
            var (xs, ys) = FinitePairs(stepValues, curve.Values.ToArray());
            var line = plot.Add.ScatterLine(xs, ys, SeriesPalette.GetColor(seriesIndex++));
            line.LineWidth = 1.5f;
            line.LegendText = WithDroppedCount(curve.Name, curve.Values.Count - xs.Length);
        }

        if (referenceValue is { } reference)
        {
            var line = plot.Add.HorizontalLine(reference, 1.5f, ReferenceColor, LinePattern.Dashed);
            line.LegendText = referenceLabel ?? reference.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
        }

        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel(yLabel);
        ShowLegendAboveData(plot, height);
        Save(plot, path, width, height);
    }

    private static void AddDensityCurve(
        Plot plot,
        double[] values,
        int totalCount,
        double[] points,
        double fallbackBandwidth,
        string name,
        Color color,
        LinePattern pattern)
    {
        var dropped = totalCount - values.Length;
        if (values.Length == 0)
        {
            // An empty plottable keeps the legend entry, so the chart shows why the curve is missing.
            var empty = plot.Add.ScatterLine(Array.Empty<double>(), Array.Empty<double>(), color);
            empty.LegendText = totalCount == 0 ? $"{name} (no values)" : WithDroppedCount(name, dropped);
            return;
        }

        var bandwidth = KernelDensity.SilvermanBandwidth(values);
        var estimate = new KernelDensity(values, bandwidth > 0 ? bandwidth : fallbackBandwidth);
        var curve = plot.Add.ScatterLine(points, estimate.Evaluate(points), color);
        curve.LineWidth = 2f;
        curve.LinePattern = pattern;
        curve.LegendText = WithDroppedCount(name, dropped);
    }

    /// <summary>
    /// Returns evenly spaced points covering both samples with a margin of three kernel widths, and the
    /// bandwidth to use for a sample without spread.
    /// </summary>
    private static double[] DensityGrid(double[] real, double[] generated, out double fallbackBandwidth)
    {
        var all = real.Concat(generated).ToArray();
        double minimum = -1, maximum = 1;
        if (all.Length > 0)
        {
            minimum = all.Min();
            maximum = all.Max();
        }

        var span = maximum - minimum;
        if (span <= 0)
        {
            // Every value is the same number, so scale the window to its magnitude.
            span = Math.Max(1.0, Math.Abs(minimum) * 0.1);
            minimum -= span / 2;
            maximum += span / 2;
        }

        fallbackBandwidth = 0.01 * span;
        var margin = 3 * new[]
        {
            KernelDensity.SilvermanBandwidth(real),
            KernelDensity.SilvermanBandwidth(generated),
            fallbackBandwidth,
        }.Max();

        var start = minimum - margin;
        var step = (maximum + margin - start) / (DensityGridPoints - 1);
        return Enumerable.Range(0, DensityGridPoints).Select(index => start + index * step).ToArray();
    }

    /// <summary>
    /// Shows the legend in the upper right corner and raises the top of the y axis so that the legend box
    /// sits above the data instead of covering it.
    /// </summary>
    private static void ShowLegendAboveData(Plot plot, int height)
    {
        plot.ShowLegend(Alignment.UpperRight);
        var entries = plot.GetPlottables().Sum(plottable => plottable.LegendItems.Count());

        // Estimates from ScottPlot 5.1.59's default style: each legend row is about 20 pixels high, the
        // legend box adds about 20, and title, axis labels and ticks take about 90 of the chart height.
        var dataHeight = Math.Max(height - 90, 1);
        var legendFraction = Math.Min((20.0 * entries + 20) / dataHeight, 0.5);

        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(limits.Bottom, limits.Bottom + limits.VerticalSpan / (1 - legendFraction));
    }

    private static void AddPointCloud(Plot plot, float[] xs, float[] ys, string name, Color color)
    {
        var (finiteXs, finiteYs) = FinitePairs(
            xs.Select(value => (double)value).ToArray(), ys.Select(value => (double)value).ToArray());
        var cloud = plot.Add.ScatterPoints(finiteXs, finiteYs, color.WithAlpha(0.5));
        cloud.MarkerSize = 4;
        cloud.LegendText = WithDroppedCount(name, xs.Length - finiteXs.Length);
    }

    private static double[] Finite(float[] values) =>
        values.Where(float.IsFinite).Select(value => (double)value).ToArray();

    private static (double[] Xs, double[] Ys) FinitePairs(double[] xs, double[] ys)
    {
        var keptXs = new List<double>(xs.Length);
        var keptYs = new List<double>(ys.Length);
        for (var index = 0; index < xs.Length; index++)
        {
            if (double.IsFinite(xs[index]) && double.IsFinite(ys[index]))
            {
                keptXs.Add(xs[index]);
                keptYs.Add(ys[index]);
            }
        }

        return (keptXs.ToArray(), keptYs.ToArray());
    }

    private static string WithDroppedCount(string name, int dropped) =>
        dropped == 0 ? name : $"{name} ({dropped} non-finite dropped)";

    private static void CheckPairs(float[] xs, float[] ys, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys, parameterName);
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException(
                $"Coordinate arrays differ in length: {xs.Length} first coordinates, {ys.Length} second coordinates.",
                parameterName);
        }
    }

    private static void CheckSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
    }

    private static void Save(Plot plot, string path, int width, int height)
    {
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, png);
    }
}

/// <summary>A named line of a training chart: values at the steps where they were recorded.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Steps">Step of each value, increasing.</param>
/// <param name="Values">One value per step. NaN and infinite values are dropped, and the legend counts them.</param>
public sealed record CurveSeries(string Name, IReadOnlyList<long> Steps, IReadOnlyList<double> Values);
