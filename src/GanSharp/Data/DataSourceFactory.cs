using GanSharp.Models;
using GanSharp.Training;

namespace GanSharp.Data;

/// <summary>Opens the data source that a <see cref="DataOptions"/> names.</summary>
public static class DataSourceFactory
{
    /// <summary>Folder of the bundled MNIST digits: <c>data/mnist</c> next to the application.</summary>
    public static string BundledMnistDirectory => Path.Combine(AppContext.BaseDirectory, "data", "mnist");

    /// <summary>
    /// Creates the data source. Images are scaled to the pixel range that the design's generator produces.
    /// </summary>
    /// <exception cref="FileNotFoundException">An image or label file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A file is not valid IDX data or not a valid point file, or an image folder is empty or has a bad file.
    /// </exception>
    /// <exception cref="DirectoryNotFoundException">An image folder does not exist.</exception>
    /// <exception cref="ArgumentException">The data name is unknown.</exception>
    public static IDataSource Create(DataOptions options, ModelDesign design)
    {
        var pixelRange = GanModelFactory.PixelRangeFor(design);
        switch (options.Name)
        {
            case DataOptions.Mnist:
                var images = options.Path ?? Path.Combine(BundledMnistDirectory, "mnist-images-idx3-ubyte.gz");
                var labels = options.LabelsPath ?? Path.Combine(BundledMnistDirectory, "mnist-labels-idx1-ubyte.gz");
                return IdxImageDataSource.Load(images, File.Exists(labels) ? labels : null, pixelRange, options.Split);
            case DataOptions.Idx:
                if (string.IsNullOrWhiteSpace(options.Path))
                {
                    throw new ArgumentException("Missing --data-path: --data idx needs the path of an IDX image file.");
                }

                return IdxImageDataSource.Load(options.Path, options.LabelsPath, pixelRange, options.Split);
            case DataOptions.Folder:
                if (string.IsNullOrWhiteSpace(options.Path))
                {
                    throw new ArgumentException("Missing --data-path: --data folder needs the path of a folder of PNG or JPEG images.");
                }

                return ImageFolderDataSource.Load(
                    options.Path,
                    options.ImageSize ?? DataOptions.DefaultFolderImageSize,
                    options.Channels ?? DataOptions.DefaultFolderChannels,
                    pixelRange);
            case DataOptions.Points:
                if (string.IsNullOrWhiteSpace(options.Path))
                {
                    throw new ArgumentException("Missing --data-path: --data points needs the path of a CSV file of points.");
                }

                return PointFileDataSource.Load(options.Path);
            default:
                return BuiltInDistributions.Create(options.Name);
        }
    }
}
