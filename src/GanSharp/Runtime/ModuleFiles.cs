using static TorchSharp.torch;

namespace GanSharp.Runtime;

/// <summary>Saves and loads module weights in TorchSharp's format, writing atomically.</summary>
public static class ModuleFiles
{
    /// <summary>Maximum tensor rank read from a weights file before the file is taken as damaged. The models use ranks 0 to 4.</summary>
    private const int MaxRank = 16;

    public static void Save(nn.Module module, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            module.save(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Loads weights into <paramref name="module"/>, with a one-line error when the file does not fit.</summary>
    public static void Load(nn.Module module, string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file not found: {path}. Point --run at a finished run folder.", path);
        }

        try
        {
            module.load(path);
        }
        catch (Exception exception) when (exception is ArgumentException or EndOfStreamException or IOException)
        {
            var problem = FindShapeMismatch(module, path) ?? exception.Message.Split('\n')[0];
            throw new InvalidDataException(
                $"Invalid weights file {path}: {problem} The file must come from a run with the same config.json.", exception);
        }
    }

    /// <summary>
    /// Returns which tensor of the file has a shape other than the module's, for example
    /// "generator.pt contains net.0.weight of shape [256, 8] but the model expects [64, 8].", or null when none
    /// is found or the file cannot be read that far.
    /// </summary>
    /// <remarks>
    /// The layout read here is the one <c>nn.Module.save</c> writes in TorchSharp 0.107: the entry count, then for
    /// each entry its name, dtype, rank, dimensions and raw bytes. Counts, dtype and dimensions are LEB128 integers.
    /// </remarks>
    private static string? FindShapeMismatch(nn.Module module, string path)
    {
        var expected = module.state_dict();
        var fileName = Path.GetFileName(path);
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var count = ReadLeb128(reader);
            for (long entry = 0; entry < count; entry++)
            {
                var name = reader.ReadString();
                var dtype = (ScalarType)ReadLeb128(reader);
                var rank = ReadLeb128(reader);
                if (rank > MaxRank)
                {
                    return null;
                }

                var shape = new long[rank];
                for (var dimension = 0; dimension < shape.Length; dimension++)
                {
                    shape[dimension] = ReadLeb128(reader);
                }

                if (!expected.TryGetValue(name, out var tensor))
                {
                    return $"{fileName} contains {name}, which the model does not have.";
                }

                if (!shape.SequenceEqual(tensor.shape))
                {
                    return $"{fileName} contains {name} of shape {Format(shape)} but the model expects {Format(tensor.shape)}.";
                }

                if (dtype != tensor.dtype)
                {
                    return null;
                }

                reader.BaseStream.Seek(tensor.NumberOfElements * tensor.ElementSize, SeekOrigin.Current);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or ArgumentException or OverflowException)
        {
            return null;
        }

        return null;
    }

    private static long ReadLeb128(BinaryReader reader)
    {
        long value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = reader.ReadByte();
            value |= (long)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("An integer in the weights file is longer than 64 bits.");
    }

    private static string Format(long[] shape) => $"[{string.Join(", ", shape)}]";
}
