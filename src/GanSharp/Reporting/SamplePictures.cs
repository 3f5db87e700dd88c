using GanSharp.Data;
using GanSharp.Models;
using static TorchSharp.torch;

namespace GanSharp.Reporting;

/// <summary>Draws generated examples in the picture that suits their kind of data.</summary>
public static class SamplePictures
{
    /// <summary>
    /// Writes <paramref name="generated"/> to <paramref name="path"/> as a PNG: an image grid, a scatter plot over
    /// real points, or density estimates of real and generated values. The 1-D picture adds the real density when it is
    /// known, which it is not for a point file.
    /// </summary>
    public static void Save(IDataSource data, Tensor generated, ModelDesign design, string path, string title)
    {
        switch (data.Kind)
        {
            case DataKind.Image:
                var scale = data.SampleShape[^1] <= 32 ? 2 : 1;
                ImageGrid.Save(generated, GanModelFactory.PixelRangeFor(design), path, scale: scale);
                break;
            case DataKind.Points2D:
                using (var real = ReferencePoints(data, (int)generated.shape[0]))
                {
                    SamplePlots.Scatter2D(
                        Column(real, 0), Column(real, 1), Column(generated, 0), Column(generated, 1), path, title);
                }

                break;
            case DataKind.Points1D:
                using (var real = ReferencePoints(data, Math.Max(2000, (int)generated.shape[0])))
                {
                    Func<double, double>? density = data is GaussianMixture mixture ? mixture.Density : null;
                    SamplePlots.Density1D(Column(real, 0), Column(generated, 0), path, title, density);
                }

                break;
        }
    }

    /// <summary>
    /// Returns real points to draw beside the generated ones, the same for every picture of a run. A point file gives a
    /// subset of its points, because drawing from it would move its shuffle position and change the run's minibatches.
    /// </summary>
    private static Tensor ReferencePoints(IDataSource data, int count)
    {
        if (data is PointFileDataSource file)
        {
            return file.Subset(count, seed: 0);
        }

        using var random = new Generator(0);
        return data.Sample(count, random);
    }

    private static float[] Column(Tensor points, int column)
    {
        using var values = points.select(1, column).contiguous().cpu();
        return values.data<float>().ToArray();
    }
}
