using GanSharp.Runtime;
using ScottPlot;

namespace GanSharp.Reporting;

/// <summary>Charts of the theory demonstrations, drawn with ScottPlot and written with <see cref="AtomicFile"/>.</summary>
public static class TheoryPlots
{
    /// <summary>
    /// Draws a trained discriminator against the optimal one over x, with the two densities it separates:
    /// p_data dotted, p_g solid, D* thin and trained D dashed, as in Figure 1 of Goodfellow et al. (2014).
    /// </summary>
    /// <param name="xs">Evenly spaced points, increasing.</param>
    /// <param name="dataDensity">p_data at each point.</param>
    /// <param name="generatorDensity">p_g at each point.</param>
    /// <param name="optimal">D*(x) = p_data / (p_data + p_g) at each point.</param>
    /// <param name="trained">The trained D(x) at each point.</param>
    /// <param name="path">PNG file to create or replace.</param>
    /// <param name="title">Chart title.</param>
    public static void OptimalDiscriminator(
        double[] xs,
        double[] dataDensity,
        double[] generatorDensity,
        double[] optimal,
        double[] trained,
        string path,
        string title)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        foreach (var (name, values) in new[]
                 {
                     (nameof(dataDensity), dataDensity), (nameof(generatorDensity), generatorDensity),
                     (nameof(optimal), optimal), (nameof(trained), trained),
                 })
        {
            if (values is null || values.Length != xs.Length)
            {
                throw new ArgumentException($"Expected {xs.Length} values in {name}, one per point, got {values?.Length ?? 0}.", name);
            }
        }

        using var plot = new Plot();
        AddLine(plot, xs, dataDensity, "p_data", SamplePlots.RealColor, LinePattern.Dotted, 2.5f);
        AddLine(plot, xs, generatorDensity, "p_g", SamplePlots.GeneratedColor, LinePattern.Solid, 2f);
        AddLine(plot, xs, optimal, "D* = p_data / (p_data + p_g)", SamplePlots.ReferenceColor, LinePattern.Solid, 1f);
        AddLine(plot, xs, trained, "trained D", Colors.ForestGreen, LinePattern.Dashed, 2f);

        plot.Title(title);
        plot.XLabel("x");
        plot.YLabel("density or probability");
        plot.Axes.SetLimitsY(0, 1.25);
        plot.ShowLegend(Alignment.UpperRight);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(SamplePlots.DefaultWidth, SamplePlots.DefaultHeight, ImageFormat.Png));
    }

    private static void AddLine(Plot plot, double[] xs, double[] ys, string name, Color color, LinePattern pattern, float width)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.LegendText = name;
    }
}
