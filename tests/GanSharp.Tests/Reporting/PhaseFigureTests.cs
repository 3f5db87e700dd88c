using GanSharp.Reporting;
using GanSharp.Theory;
using SkiaSharp;

namespace GanSharp.Tests.Reporting;

public sealed class PhaseFigureTests : IDisposable
{
    // A 2-pixel curve across a third of a 480-pixel panel colours several hundred pixels.
    private const int MinCurvePixels = 150;

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Save_DrawsAllCurves()
    {
        var path = directory.File("phase.png");

        PhaseFigure.Save(Snapshot("(a) step 0", generatorMean: 1.0), path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(PhaseFigure.DefaultWidth, bitmap.Width);
        Assert.Equal(PhaseFigure.DefaultHeight, bitmap.Height);
        Assert.True(CountNear(bitmap, PhaseFigure.GeneratorColor, 0, bitmap.Width) > MinCurvePixels, "p_g is missing");
        Assert.True(CountNear(bitmap, PhaseFigure.DiscriminatorColor, 0, bitmap.Width) > MinCurvePixels, "D(x) is missing");
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public void Save_DrawsLinesFromNoiseToData()
    {
        // Anti-aliased black text and lines also leave grey pixels, so compare with the same phase without G(z).
        var snapshot = Snapshot("(a) step 0", generatorMean: 1.0);
        var unmapped = snapshot with { Mapped = Enumerable.Repeat(double.NaN, snapshot.Noise.Length).ToArray() };
        using var mapped = SKBitmap.Decode(PhaseFigure.EncodePng(snapshot));
        using var bare = SKBitmap.Decode(PhaseFigure.EncodePng(unmapped));

        var added = CountNear(mapped, PhaseFigure.MappingColor, 0, mapped.Width) - CountNear(bare, PhaseFigure.MappingColor, 0, bare.Width);

        // The lines are 1 pixel wide and anti-aliased, so only part of each is close to the grey. ScottPlot 5.1.59 drew
        // 570 such pixels more with the lines than without them.
        Assert.True(added > 300, $"the lines from z to G(z) add only {added} grey pixels");
    }

    [Fact]
    public void Save_UsesRequestedSize()
    {
        var path = directory.File("small.png");

        PhaseFigure.Save(Snapshot("small", generatorMean: 0), path, width: 300, height: 260);

        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(300, bitmap.Width);
        Assert.Equal(260, bitmap.Height);
    }

    [Fact]
    public void SaveRow_PlacesPhasesSideBySide()
    {
        var path = directory.File("phases.png");
        PhaseSnapshot[] snapshots =
        [
            Snapshot("(a) step 0", generatorMean: -2),
            Snapshot("(b) step 100", generatorMean: -1),
            Snapshot("(c) step 1000", generatorMean: -0.3),
            Snapshot("(d) step 3000", generatorMean: 0),
        ];

        PhaseFigure.SaveRow(snapshots, path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.Equal(4 * PhaseFigure.DefaultWidth, bitmap.Width);
        Assert.Equal(PhaseFigure.DefaultHeight, bitmap.Height);
        for (var panel = 0; panel < snapshots.Length; panel++)
        {
            var left = panel * PhaseFigure.DefaultWidth;
            var right = left + PhaseFigure.DefaultWidth;
            Assert.True(CountNear(bitmap, PhaseFigure.GeneratorColor, left, right) > MinCurvePixels, $"p_g is missing in panel {panel}");
            Assert.True(CountNear(bitmap, PhaseFigure.DiscriminatorColor, left, right) > MinCurvePixels, $"D(x) is missing in panel {panel}");
        }
    }

    [Fact]
    public void SaveRow_RejectsEmptyList()
    {
        Assert.Throws<ArgumentException>(() => PhaseFigure.SaveRow([], directory.File("empty.png")));
        Assert.False(File.Exists(directory.File("empty.png")));
    }

    [Fact]
    public void Save_RejectsMismatchedLengths()
    {
        var snapshot = Snapshot("short", generatorMean: 0) with { Discriminator = [0.5, 0.5] };

        Assert.Throws<ArgumentException>(() => PhaseFigure.Save(snapshot, directory.File("short.png")));
    }

    [Fact]
    public void Save_DrawsCollapsedAndDivergedGenerators()
    {
        var snapshot = Snapshot("diverged", generatorMean: 0) with
        {
            GeneratorDensity = new double[201],
            Mapped = Enumerable.Repeat(double.NaN, 20).ToArray(),
        };
        var path = directory.File("diverged.png");

        PhaseFigure.Save(snapshot, path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.True(CountNear(bitmap, PhaseFigure.DiscriminatorColor, 0, bitmap.Width) > MinCurvePixels, "D(x) is missing");
    }

    /// <summary>
    /// Returns a phase with p_data = N(0, 1), p_g = N(<paramref name="generatorMean"/>, 0.5²), the optimal D for them,
    /// and G(z) = mean + 0.5 z.
    /// </summary>
    private static PhaseSnapshot Snapshot(string label, double generatorMean)
    {
        var grid = Enumerable.Range(0, 201).Select(index => -4 + index * 0.04).ToArray();
        var data = grid.Select(x => Normal(x, 0, 1)).ToArray();
        var generated = grid.Select(x => Normal(x, generatorMean, 0.5)).ToArray();
        var discriminator = data.Select((value, index) => value / (value + generated[index])).ToArray();
        var noise = Enumerable.Range(0, 20).Select(index => -2.5 + index * 5.0 / 19).ToArray();
        var mapped = noise.Select(z => generatorMean + 0.5 * z).ToArray();
        return new PhaseSnapshot(label, 0, grid, data, generated, discriminator, noise, mapped);
    }

    private static double Normal(double x, double mean, double deviation) =>
        Math.Exp(-0.5 * Math.Pow((x - mean) / deviation, 2)) / (deviation * Math.Sqrt(2 * Math.PI));

    /// <summary>Counts pixels in columns [left, right) within a small distance of <paramref name="color"/>.</summary>
    private static int CountNear(SKBitmap bitmap, ScottPlot.Color color, int left, int right)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = left; x < right; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (Math.Abs(pixel.Red - color.R) + Math.Abs(pixel.Green - color.G) + Math.Abs(pixel.Blue - color.B) < 40)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
