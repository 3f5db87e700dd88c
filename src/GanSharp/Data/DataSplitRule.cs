namespace GanSharp.Data;

/// <summary>Selects the images of a <see cref="DataSplit"/> by their index in the file.</summary>
public static class DataSplitRule
{
    /// <summary>Returns true when image <paramref name="index"/> belongs to <paramref name="split"/>.</summary>
    public static bool Contains(DataSplit split, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return split switch
        {
            DataSplit.All => true,
            DataSplit.Train => index % 10 < 8,
            DataSplit.Validation => index % 10 == 8,
            DataSplit.Test => index % 10 == 9,
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Invalid split. Use All, Train, Validation or Test."),
        };
    }

    /// <summary>Returns the indices, in increasing order, of the images of <paramref name="split"/> among <paramref name="count"/>.</summary>
    public static int[] Indices(DataSplit split, int count) =>
        Enumerable.Range(0, count).Where(index => Contains(split, index)).ToArray();

    /// <summary>
    /// Returns the elements of <paramref name="file"/> that belong to <paramref name="split"/> along its first
    /// dimension, as a new IDX content with the same inner dimensions.
    /// </summary>
    /// <exception cref="InvalidDataException">The split of the file is empty because the file has too few entries.</exception>
    public static IdxFile Select(IdxFile file, DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (split == DataSplit.All)
        {
            return file;
        }

        var indices = Indices(split, file.Dimensions[0]);
        if (indices.Length == 0)
        {
            throw new InvalidDataException(
                $"The {Name(split)} split of {file.Source} is empty: the file has only {file.Dimensions[0]} entries, "
                + "and the split takes every tenth one. Use a file with at least 10 images.");
        }

        var entryLength = file.Data.Length / file.Dimensions[0];
        var data = new byte[indices.Length * entryLength];
        for (var position = 0; position < indices.Length; position++)
        {
            Array.Copy(file.Data, (long)indices[position] * entryLength, data, (long)position * entryLength, entryLength);
        }

        var dimensions = (int[])file.Dimensions.Clone();
        dimensions[0] = indices.Length;
        return new IdxFile(file.Source, dimensions, data);
    }

    /// <summary>Returns the lower-case name of <paramref name="split"/>, as config.json writes it.</summary>
    public static string Name(DataSplit split) => split.ToString().ToLowerInvariant();
}
