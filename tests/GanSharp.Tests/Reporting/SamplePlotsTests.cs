using GanSharp.Reporting;
using SkiaSharp;

namespace GanSharp.Tests.Reporting;

public sealed class SamplePlotsTests : IDisposable
{
    // Enough pixels for a visible curve or point cloud, and far more than anti-aliased edges of other
    // elements could contribute by accident.
    private const int MinColouredPixels = 200;

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Density1D_DrawsBothCurves()
    {
        var path = directory.File("density.png");
        var random = new Random(1);
        var real = Gaussian(random, 2000, mean: 0, deviation: 1);
        var generated = Gaussian(random, 2000, mean: 1.5, deviation: 0.5);

        SamplePlots.Density1D(real, generated, path, "Density of x", x => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI));

        using var bitmap = Decode(path);
        Assert.Equal(SamplePlots.DefaultWidth, bitmap.Width);
        Assert.Equal(SamplePlots.DefaultHeight, bitmap.Height);
        Assert.True(CountNear(bitmap, SamplePlots.GeneratedColor) > MinColouredPixels, "generated curve is missing");
        Assert.True(CountNear(bitmap, SamplePlots.RealColor) > MinColouredPixels, "real curve is missing");
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public void Density1D_UsesRequestedSize()
    {
        var path = directory.File("density.png");
        var random = new Random(2);

        SamplePlots.Density1D(Gaussian(random, 100, 0, 1), Gaussian(random, 100, 0, 1), path, "Small", width: 400, height: 300);

        using var bitmap = Decode(path);
        Assert.Equal(400, bitmap.Width);
        Assert.Equal(300, bitmap.Height);
        Assert.True(CountNotBackground(bitmap) > MinColouredPixels);
    }

    [Fact]
    public void Density1D_CollapsedGeneratorIsDrawn()
    {
        var path = directory.File("collapsed.png");
        var real = Gaussian(new Random(3), 1000, mean: 4, deviation: 1);
        var generated = Enumerable.Repeat(4.2f, 1000).ToArray();

        SamplePlots.Density1D(real, generated, path, "Mode collapse");

        using var bitmap = Decode(path);
        Assert.True(CountNear(bitmap, SamplePlots.GeneratedColor) > 50, "generated peak is missing");
    }

    [Fact]
    public void Density1D_NonFiniteValuesAreDropped()
    {
        var path = directory.File("diverged.png");
        var real = Gaussian(new Random(4), 500, mean: 0, deviation: 1);
        var generated = new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity };

        SamplePlots.Density1D(real, generated, path, "Diverged");

        using var bitmap = Decode(path);
        Assert.True(CountNear(bitmap, SamplePlots.RealColor) > MinColouredPixels);
    }

    [Fact]
    public void Density1D_EmptyInputsWork()
    {
        var path = directory.File("empty.png");

        SamplePlots.Density1D([], [], path, "Nothing yet");

        using var bitmap = Decode(path);
        Assert.Equal(SamplePlots.DefaultWidth, bitmap.Width);
    }

    [Fact]
    public void Scatter2D_DrawsBothClouds()
    {
        var path = directory.File("scatter.png");
        var random = new Random(5);
        var (realX, realY) = RingOfGaussians(random, 1000, radius: 2);
        var generatedX = Gaussian(random, 1000, mean: 0, deviation: 0.5);
        var generatedY = Gaussian(random, 1000, mean: 0, deviation: 0.5);

        SamplePlots.Scatter2D(realX, realY, generatedX, generatedY, path, "Ring of 8 Gaussians");

        using var bitmap = Decode(path);
        Assert.Equal(SamplePlots.DefaultWidth, bitmap.Width);
        Assert.Equal(SamplePlots.DefaultHeight, bitmap.Height);
        // Points are drawn at half opacity, so alone on the white background each has this colour.
        Assert.True(CountNear(bitmap, HalfOnWhite(SamplePlots.RealColor)) > MinColouredPixels, "real points are missing");
        Assert.True(
            CountNear(bitmap, HalfOnWhite(SamplePlots.GeneratedColor)) > MinColouredPixels, "generated points are missing");
    }

    [Fact]
    public void Scatter2D_NonFinitePointsAreDropped()
    {
        var path = directory.File("scatter.png");
        float[] realX = [0, 1, 2];
        float[] realY = [0, 1, 0];
        float[] generatedX = [float.NaN, 1, float.PositiveInfinity];
        float[] generatedY = [0, float.NaN, 1];

        SamplePlots.Scatter2D(realX, realY, generatedX, generatedY, path, "Diverged");

        using var bitmap = Decode(path);
        Assert.True(CountNotBackground(bitmap) > MinColouredPixels);
    }

    [Fact]
    public void Scatter2D_RejectsLengthMismatch()
    {
        var path = directory.File("scatter.png");

        Assert.Throws<ArgumentException>(() => SamplePlots.Scatter2D([0, 1], [0], [0], [0], path, "Mismatch"));
        Assert.Throws<ArgumentException>(() => SamplePlots.Scatter2D([0], [0], [0, 1], [0], path, "Mismatch"));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void TrainingCurves_DrawsSeriesAndReference()
    {
        var path = directory.File("losses.png");
        var steps = Enumerable.Range(0, 200).Select(step => (long)step * 10).ToArray();
        var series = new Dictionary<string, IReadOnlyList<double>>
        {
            ["discriminator"] = steps.Select(step => 1.4 - 0.3 * Math.Exp(-step / 500.0)).ToArray(),
            ["generator"] = steps.Select(step => 0.7 + 0.4 * Math.Exp(-step / 400.0)).ToArray(),
        };

        SamplePlots.TrainingCurves(steps, series, path, "Losses", -Math.Log(4), "−ln 4", yLabel: "loss");

        using var bitmap = Decode(path);
        Assert.Equal(SamplePlots.DefaultWidth, bitmap.Width);
        Assert.Equal(SamplePlots.DefaultHeight, bitmap.Height);
        Assert.True(CountNear(bitmap, SamplePlots.SeriesPalette.GetColor(0)) > MinColouredPixels, "first series is missing");
        Assert.True(CountNear(bitmap, SamplePlots.SeriesPalette.GetColor(1)) > MinColouredPixels, "second series is missing");
    }

    [Fact]
    public void TrainingCurves_NonFiniteValuesAreDropped()
    {
        var path = directory.File("losses.png");
        long[] steps = [1, 2, 3, 4, 5];
        var series = new Dictionary<string, IReadOnlyList<double>>
        {
            ["loss"] = [0.5, double.NaN, 0.7, double.PositiveInfinity, 0.6],
            ["diverged"] = [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN],
        };

        SamplePlots.TrainingCurves(steps, series, path, "Diverged");

        using var bitmap = Decode(path);
        Assert.True(CountNear(bitmap, SamplePlots.SeriesPalette.GetColor(0)) > 50, "finite values are missing");
    }

    [Fact]
    public void TrainingCurves_RejectsInvalidInput()
    {
        var path = directory.File("losses.png");
        long[] steps = [1, 2, 3];
        var shortSeries = new Dictionary<string, IReadOnlyList<double>> { ["loss"] = [0.5, 0.4] };
        var validSeries = new Dictionary<string, IReadOnlyList<double>> { ["loss"] = [0.5, 0.4, 0.3] };

        var mismatch = Assert.Throws<ArgumentException>(() => SamplePlots.TrainingCurves(steps, shortSeries, path, "Short"));
        Assert.Contains("'loss'", mismatch.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SamplePlots.TrainingCurves(steps, validSeries, path, "NaN reference", referenceValue: double.NaN));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Plots_ReplaceExistingFile()
    {
        var path = directory.File("losses.png");
        File.WriteAllText(path, "not a png");
        var series = new Dictionary<string, IReadOnlyList<double>> { ["loss"] = [0.5, 0.4, 0.3] };

        SamplePlots.TrainingCurves([1, 2, 3], series, path, "Replaced");

        using var bitmap = Decode(path);
        Assert.Equal(SamplePlots.DefaultWidth, bitmap.Width);
        Assert.Equal(["losses.png"], Directory.GetFiles(directory.Path).Select(file => Path.GetFileName(file)).ToArray());
    }

    private static SKBitmap Decode(string path) =>
        SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not a decodable image.");

    private static int CountNotBackground(SKBitmap bitmap)
    {
        var background = bitmap.GetPixel(0, 0);
        return CountWhere(bitmap, pixel => pixel != background);
    }

    private static int CountNear(SKBitmap bitmap, ScottPlot.Color color, int tolerance = 12) =>
        CountWhere(bitmap, pixel =>
            Math.Abs(pixel.Red - color.R) <= tolerance
            && Math.Abs(pixel.Green - color.G) <= tolerance
            && Math.Abs(pixel.Blue - color.B) <= tolerance);

    private static int CountWhere(SKBitmap bitmap, Func<SKColor, bool> predicate)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (predicate(bitmap.GetPixel(x, y)))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static ScottPlot.Color HalfOnWhite(ScottPlot.Color color) =>
        new((byte)((color.R + 255) / 2), (byte)((color.G + 255) / 2), (byte)((color.B + 255) / 2));

    private static float[] Gaussian(Random random, int count, double mean, double deviation) =>
        Enumerable.Range(0, count).Select(_ => (float)(mean + deviation * random.NextGaussian())).ToArray();

    /// <summary>Draws points around eight equally spaced centres on a circle of the given radius.</summary>
    private static (float[] Xs, float[] Ys) RingOfGaussians(Random random, int count, double radius)
    {
        var xs = new float[count];
        var ys = new float[count];
        for (var index = 0; index < count; index++)
        {
            var angle = 2 * Math.PI * (index % 8) / 8;
            xs[index] = (float)(radius * Math.Cos(angle) + 0.2 * random.NextGaussian());
            ys[index] = (float)(radius * Math.Sin(angle) + 0.2 * random.NextGaussian());
        }

        return (xs, ys);
    }
}

internal static class RandomExtensions
{
    /// <summary>Draws a standard normal value with the Box–Muller transform.</summary>
    public static double NextGaussian(this Random random)
    {
        var uniform = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(uniform)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }
}
