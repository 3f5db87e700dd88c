using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Images from a folder of PNG and JPEG files, grey or colour, each scaled so that its short side is
/// <see cref="ImageSize"/> and cropped to the centre square, so that files of mixed sizes fit one model.
/// </summary>
/// <remarks>
/// The folder and its subfolders are searched for <c>.png</c>, <c>.jpg</c> and <c>.jpeg</c> files, in any letter case.
/// Names that start with a dot are skipped, and other files are ignored and listed in <see cref="IgnoredFiles"/>.
/// A file with an image extension that cannot be read or decoded stops the load with an error naming it.
/// All images are decoded once, at load, into one byte tensor of count × channels × size × size.
/// NOTE: that tensor stays in memory, so 64 × 64 colour images cost 12 KB each (100,000 images take 1.2 GB).
/// <see cref="Sample"/> draws minibatches by shuffled epochs, as <see cref="IdxImageDataSource"/> does.
/// Instances are not thread-safe.
/// </remarks>
public sealed class ImageFolderDataSource : IShuffledDataSource, IDisposable
{
    /// <summary>File extensions read as images, compared without regard to letter case.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg"];

    private readonly Tensor pixels;
    private readonly ShuffledEpochs epochs;
    private bool disposed;

    private ImageFolderDataSource(
        string directory, string[] files, string[] ignoredFiles, Tensor pixels, int imageSize, int channels, PixelRange pixelRange)
    {
        Directory = directory;
        Files = files;
        IgnoredFiles = ignoredFiles;
        this.pixels = pixels;
        ImageSize = imageSize;
        Channels = channels;
        PixelRange = pixelRange;
        epochs = new ShuffledEpochs(files.Length);
    }

    /// <summary>Full path of the image folder.</summary>
    public string Directory { get; }

    /// <summary>Paths of the images, relative to <see cref="Directory"/>, in the order of their index.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Paths, relative to <see cref="Directory"/>, of the files skipped because their extension is not an image's.</summary>
    public IReadOnlyList<string> IgnoredFiles { get; }

    /// <summary>Number of images.</summary>
    public int Count => Files.Count;

    /// <summary>Side of every image in pixels after the resize and crop.</summary>
    public int ImageSize { get; }

    /// <summary>1 for grey, 3 for red, green and blue.</summary>
    public int Channels { get; }

    /// <summary>Range that the byte pixels are scaled to.</summary>
    public PixelRange PixelRange { get; }

    /// <inheritdoc />
    public string Name => "folder";

    /// <inheritdoc />
    public DataKind Kind => DataKind.Image;

    /// <inheritdoc />
    public long[] SampleShape => [Channels, ImageSize, ImageSize];

    /// <summary>
    /// Finds, decodes, resizes and crops every image of <paramref name="directory"/>, using all processor cores.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder has no image file, or a file cannot be decoded.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static ImageFolderDataSource Load(string directory, int imageSize, int channels, PixelRange pixelRange)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 1);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Use 1 (grey) or 3 (colour) channels.");
        }

        var fullPath = Path.GetFullPath(directory);
        var (files, ignored) = FindImages(fullPath);
        var imageBytes = (long)channels * imageSize * imageSize;
        if (files.Length * imageBytes > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"Invalid --data-path {fullPath}: {files.Length} images of {channels}×{imageSize}×{imageSize} bytes exceed the {Array.MaxLength / (1 << 20):N0} MB that one in-memory image tensor may take. Lower --image-size or use fewer images.");
        }

        var buffer = new byte[files.Length * imageBytes];
        var failures = new Exception?[files.Length];
        Parallel.For(0, files.Length, index =>
        {
            try
            {
                ImageFileDecoder.Decode(Path.Combine(fullPath, files[index]), imageSize, channels, buffer.AsSpan(index * (int)imageBytes, (int)imageBytes));
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException)
            {
                failures[index] = exception;
            }
        });

        // Report the first bad file in name order, whichever thread found it first.
        if (failures.FirstOrDefault(failure => failure is not null) is { } firstFailure)
        {
            throw firstFailure is InvalidDataException
                ? new InvalidDataException(firstFailure.Message, firstFailure)
                : new IOException(firstFailure.Message, firstFailure);
        }

        var tensor = torch.tensor(buffer, [files.Length, channels, imageSize, imageSize], dtype: ScalarType.Byte);
        return new ImageFolderDataSource(fullPath, files, ignored, tensor, imageSize, channels, pixelRange);
    }

    /// <summary>
    /// Draws the next <paramref name="count"/> images of the current shuffled epoch as a new float32 tensor
    /// [count, channels, size, size] in <see cref="PixelRange"/>, which the caller disposes.
    /// </summary>
    public Tensor Sample(int count, Generator generator)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(generator);

        using var selected = epochs.NextRows(pixels, count, generator);
        return Scale(selected);
    }

    /// <summary>Returns image <paramref name="index"/> as a new float32 tensor [channels, size, size] in <see cref="PixelRange"/>.</summary>
    public Tensor GetImage(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        using var image = pixels[index];
        return Scale(image);
    }

    /// <inheritdoc />
    public (long[] Permutation, int Position) ShuffleState
    {
        get => epochs.State;
        set => epochs.State = value;
    }

    /// <summary>Releases the pixel tensor.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        pixels.Dispose();
    }

    private Tensor Scale(Tensor bytes)
    {
        // A fixed affine map of each byte, with no per-image statistics, so a flat image gives finite values too.
        var values = bytes.to_type(ScalarType.Float32);
        return PixelRange == PixelRange.ZeroToOne ? values.div_(255.0) : values.div_(127.5).sub_(1.0);
    }

    private static (string[] Images, string[] Ignored) FindImages(string directory)
    {
        if (File.Exists(directory))
        {
            throw new InvalidDataException($"Invalid --data-path {directory}: it is a file, but --data folder needs a folder of PNG or JPEG images.");
        }

        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Image folder not found: {directory}. Pass an existing folder of PNG or JPEG images with --data-path.");
        }

        var images = new List<string>();
        var ignored = new List<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            {
                continue;
            }

            var isImage = Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
            (isImage ? images : ignored).Add(relative);
        }

        if (images.Count == 0)
        {
            throw new InvalidDataException(
                $"Invalid --data-path {directory}: the folder has no .png, .jpg or .jpeg files. Put images in it or pass another folder.");
        }

        images.Sort(StringComparer.Ordinal);
        ignored.Sort(StringComparer.Ordinal);
        return (images.ToArray(), ignored.ToArray());
    }
}
