using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Minibatch indices drawn by shuffled epochs over a data set of <see cref="Count"/> examples: a random permutation is
/// walked in order, and a new one is drawn when it is used up, so every example appears once per epoch. A batch
/// larger than the data set spans several epochs and so repeats examples.
/// </summary>
/// <remarks>Instances are not thread-safe.</remarks>
public sealed class ShuffledEpochs
{
    private long[] permutation = [];
    private int position;

    /// <param name="count">Number of examples, at least 1.</param>
    public ShuffledEpochs(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        Count = count;
    }

    /// <summary>Number of examples in one epoch.</summary>
    public int Count { get; }

    /// <summary>
    /// The current epoch's permutation and the position of the next example in it. An empty permutation means that no
    /// epoch has started.
    /// </summary>
    /// <exception cref="InvalidDataException">The permutation length or the position does not fit this data set.</exception>
    public (long[] Permutation, int Position) State
    {
        get => ((long[])permutation.Clone(), position);
        set
        {
            ArgumentNullException.ThrowIfNull(value.Permutation);
            if (value.Permutation.Length != 0 && value.Permutation.Length != Count)
            {
                throw new InvalidDataException(
                    $"Invalid shuffle state: the permutation has {value.Permutation.Length} entries but the data set has {Count} examples.");
            }

            if (value.Position < 0 || value.Position > value.Permutation.Length)
            {
                throw new InvalidDataException(
                    $"Invalid shuffle state: position {value.Position} is outside the permutation of {value.Permutation.Length} entries.");
            }

            permutation = (long[])value.Permutation.Clone();
            position = value.Position;
        }
    }

    /// <summary>
    /// Returns the indices of the next <paramref name="count"/> examples. A batch that runs past the end of an epoch
    /// continues with a new permutation drawn from <paramref name="generator"/>.
    /// </summary>
    public long[] Next(int count, Generator generator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(generator);

        var indices = new long[count];
        for (var filled = 0; filled < count;)
        {
            if (position == permutation.Length)
            {
                permutation = DrawPermutation(generator);
                position = 0;
            }

            var copyCount = Math.Min(count - filled, permutation.Length - position);
            Array.Copy(permutation, position, indices, filled, copyCount);
            position += copyCount;
            filled += copyCount;
        }

        return indices;
    }

    /// <summary>
    /// Returns the rows of <paramref name="examples"/> at the next <paramref name="count"/> indices of <see cref="Next"/>,
    /// as a new tensor that the caller disposes.
    /// </summary>
    public Tensor NextRows(Tensor examples, int count, Generator generator)
    {
        using var indexTensor = torch.tensor(Next(count, generator));
        return examples.index_select(0, indexTensor);
    }

    private long[] DrawPermutation(Generator generator)
    {
        using var order = torch.randperm(Count, generator: generator);
        return order.data<long>().ToArray();
    }
}
