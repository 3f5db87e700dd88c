using TorchSharp;
using static TorchSharp.torch;

namespace GanSharp.Data;

/// <summary>
/// Example indices by shuffled epochs: a random permutation walked in order, with a new permutation drawn when the
/// current one is used up, so every example appears once per epoch. Not thread-safe.
/// </summary>
internal sealed class ShuffledEpochs(int count)
{
    private long[] permutation = [];
    private int position;

    /// <summary>Returns the next <paramref name="take"/> indices, drawing new permutations from <paramref name="generator"/> as needed.</summary>
    public long[] Next(int take, Generator generator)
    {
        var indices = new long[take];
        for (var filled = 0; filled < take;)
        {
            if (position == permutation.Length)
            {
                using var order = torch.randperm(count, generator: generator);
                permutation = order.data<long>().ToArray();
                position = 0;
            }

            var copyCount = Math.Min(take - filled, permutation.Length - position);
            Array.Copy(permutation, position, indices, filled, copyCount);
            position += copyCount;
            filled += copyCount;
        }

        return indices;
    }

    /// <inheritdoc cref="IShuffledDataSource.ShuffleState"/>
    public (long[] Permutation, int Position) State
    {
        get => ((long[])permutation.Clone(), position);
        set
        {
            ArgumentNullException.ThrowIfNull(value.Permutation);
            if (value.Permutation.Length != 0 && value.Permutation.Length != count)
            {
                throw new InvalidDataException(
                    $"Invalid shuffle state: the permutation has {value.Permutation.Length} entries but the source has {count} images.");
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
}
