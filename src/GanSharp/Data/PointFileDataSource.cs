using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// 1-D or 2-D points read from a CSV file (see <see cref="PointCsvFile"/>), held in memory as one float32 tensor
/// [count, dimension]. The file gives no density, so runs on it have no theory metrics.
/// </summary>
/// <remarks>
/// <see cref="Sample"/> draws minibatches by shuffled epochs (see <see cref="ShuffledEpochs"/>). A minibatch larger
/// than the file spans several epochs, so it contains some points more than once. Instances are not thread-safe.
/// </remarks>
public sealed class PointFileDataSource : IShuffledDataSource, IDisposable
{
    /// <summary>Name of this source in configuration files.</summary>
    public const string DataName = "points";

    private readonly Tensor points;
    private readonly ShuffledEpochs epochs;
    private bool disposed;

    /// <summary>Creates a source from an already-read point file.</summary>
    public PointFileDataSource(PointCsvFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Source = file.Source;
        FileSha256 = file.Sha256;
        Count = file.Count;
        Kind = file.Dimension == 1 ? DataKind.Points1D : DataKind.Points2D;
        SampleShape = [file.Dimension];
        points = torch.tensor(file.Values, [file.Count, file.Dimension]);
        epochs = new ShuffledEpochs(file.Count);
    }

    /// <summary>Path of the point file.</summary>
    public string Source { get; }

    /// <summary>SHA-256 of the point file as it was read, or null when the points did not come from a file.</summary>
    public string? FileSha256 { get; }

    /// <summary>Number of points in the file.</summary>
    public int Count { get; }

    /// <inheritdoc />
    public string Name => DataName;

    /// <inheritdoc />
    public DataKind Kind { get; }

    /// <inheritdoc />
    public long[] SampleShape { get; }

    /// <inheritdoc />
    public (long[] Permutation, int Position) ShuffleState
    {
        get => epochs.State;
        set => epochs.State = value;
    }

    /// <summary>Reads and validates a point file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist or is a directory.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid point file; see <see cref="PointCsvFile.Read"/>.</exception>
    public static PointFileDataSource Load(string path) => new(PointCsvFile.Read(path));

    /// <summary>
    /// Draws the next <paramref name="count"/> points of the current shuffled epoch as a new tensor [count, dimension]
    /// that the caller disposes.
    /// </summary>
    public Tensor Sample(int count, Generator generator)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return epochs.NextRows(points, count, generator);
    }

    /// <summary>
    /// Returns up to <paramref name="count"/> distinct points chosen with <paramref name="seed"/>, as a new tensor that
    /// the caller disposes, for pictures. Unlike <see cref="Sample"/> it leaves the shuffle state alone, so drawing
    /// pictures does not change the minibatches of a run.
    /// </summary>
    public Tensor Subset(int count, ulong seed)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count >= Count)
        {
            return points.clone();
        }

        using var random = new Generator(seed);
        using var order = torch.randperm(Count, generator: random);
        using var chosen = order.narrow(0, 0, count);
        return points.index_select(0, chosen);
    }

    /// <summary>Releases the point tensor.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        points.Dispose();
    }
}
