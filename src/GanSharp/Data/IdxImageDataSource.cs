using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Grayscale images from an IDX file of shape [count, rows, columns], such as MNIST, with optional labels
/// from a 1-D IDX file. All images are held in memory as one float32 tensor [count, 1, rows, columns].
/// </summary>
/// <remarks>
/// <see cref="Sample"/> draws minibatches by shuffled epochs: it walks a random permutation of the images
/// in order and draws a new permutation when the current one is used up, so every image appears once per
/// epoch. The permutation and the position in it belong to the source, so one source should be sampled by
/// one training loop at a time. Instances are not thread-safe.
/// </remarks>
public sealed class IdxImageDataSource : IShuffledDataSource, IDisposable
{
    private readonly Tensor images;
    private readonly ShuffledEpochs epochs;
    private bool disposed;

    /// <summary>Creates a source from already-read IDX contents.</summary>
    /// <exception cref="InvalidDataException">
    /// The images are not 3-D, the labels are not 1-D, or the label count differs from the image count.
    /// </exception>
    public IdxImageDataSource(IdxFile imageFile, IdxFile? labelFile, PixelRange pixelRange)
    {
        ArgumentNullException.ThrowIfNull(imageFile);
        if (!Enum.IsDefined(pixelRange))
        {
            throw new ArgumentOutOfRangeException(nameof(pixelRange), pixelRange, "Invalid pixel range. Use ZeroToOne or MinusOneToOne.");
        }

        if (imageFile.Dimensions.Length != 3)
        {
            throw new InvalidDataException(
                $"Image file {imageFile.Source} has dimensions [{string.Join(" x ", imageFile.Dimensions)}], "
                + "but images need 3 dimensions [count x rows x columns]. Pass an IDX image file such as "
                + "train-images-idx3-ubyte.");
        }

        Count = imageFile.Dimensions[0];
        Rows = imageFile.Dimensions[1];
        Columns = imageFile.Dimensions[2];
        PixelRange = pixelRange;
        Labels = labelFile is null ? null : ReadLabels(labelFile, imageFile);
        images = CreateImageTensor(imageFile.Data, Count, Rows, Columns, pixelRange);
        epochs = new ShuffledEpochs(Count);
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>Height of each image in pixels.</summary>
    public int Rows { get; }

    /// <summary>Width of each image in pixels.</summary>
    public int Columns { get; }

    /// <summary>Range that the byte pixels were scaled to.</summary>
    public PixelRange PixelRange { get; }

    /// <summary>Class label of each image, in image order, or null when no label file was given.</summary>
    public int[]? Labels { get; }

    /// <inheritdoc />
    public string Name => "idx";

    /// <inheritdoc />
    public DataKind Kind => DataKind.Image;

    /// <inheritdoc />
    public long[] SampleShape => [1, Rows, Columns];

    /// <summary>
    /// All images as one float32 tensor [count, 1, rows, columns]. The source owns it, so callers must
    /// neither dispose nor modify it.
    /// </summary>
    public Tensor Images
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return images;
        }
    }

    /// <summary>
    /// Reads an image file and an optional label file, decompressing either when it ends in .gz, and keeps the
    /// images of <paramref name="split"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, the two files do not match, or the split is empty.</exception>
    public static IdxImageDataSource Load(string imagesPath, string? labelsPath, PixelRange pixelRange, DataSplit split = DataSplit.All)
    {
        var imageFile = IdxFile.Read(imagesPath);
        var labelFile = labelsPath is null ? null : IdxFile.Read(labelsPath);
        if (split != DataSplit.All)
        {
            // The files must match before the split, because equal split sizes would hide different counts.
            if (labelFile is not null)
            {
                ReadLabels(labelFile, imageFile);
                labelFile = DataSplitRule.Select(labelFile, split);
            }

            imageFile = DataSplitRule.Select(imageFile, split);
        }

        return new IdxImageDataSource(imageFile, labelFile, pixelRange);
    }

    /// <summary>Copies image <paramref name="index"/> into a new float32 tensor [1, rows, columns] that the caller disposes.</summary>
    public Tensor GetImage(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        using var view = images[index];
        return view.clone();
    }

    /// <summary>
    /// Draws the next <paramref name="count"/> images of the current shuffled epoch as a new tensor
    /// [count, 1, rows, columns] that the caller disposes. A batch that runs past the end of an epoch
    /// continues with a new permutation drawn from <paramref name="generator"/>.
    /// </summary>
    public Tensor Sample(int count, Generator generator)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(generator);

        return epochs.NextRows(images, count, generator);
    }

    /// <inheritdoc />
    public (long[] Permutation, int Position) ShuffleState
    {
        get => epochs.State;
        set => epochs.State = value;
    }

    /// <summary>Releases the image tensor.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        images.Dispose();
    }

    private static int[] ReadLabels(IdxFile labelFile, IdxFile imageFile)
    {
        if (labelFile.Dimensions.Length != 1)
        {
            throw new InvalidDataException(
                $"Label file {labelFile.Source} has dimensions [{string.Join(" x ", labelFile.Dimensions)}], "
                + "but labels need 1 dimension [count]. Pass an IDX label file such as train-labels-idx1-ubyte.");
        }

        var labelCount = labelFile.Dimensions[0];
        var imageCount = imageFile.Dimensions[0];
        if (labelCount != imageCount)
        {
            throw new InvalidDataException(
                $"Label file {labelFile.Source} has {labelCount} labels but image file {imageFile.Source} has "
                + $"{imageCount} images. Pass the label file that belongs to the image file.");
        }

        return labelFile.Data.Select(label => (int)label).ToArray();
    }

    private static Tensor CreateImageTensor(byte[] pixels, int count, int rows, int columns, PixelRange pixelRange)
    {
        using var bytes = torch.tensor(pixels, [count, 1, rows, columns], dtype: ScalarType.Byte);
        var scaled = bytes.to_type(ScalarType.Float32);
        if (pixelRange == PixelRange.ZeroToOne)
        {
            scaled.div_(255.0);
        }
        else
        {
            scaled.div_(127.5).sub_(1.0);
        }

        return scaled;
    }
}
