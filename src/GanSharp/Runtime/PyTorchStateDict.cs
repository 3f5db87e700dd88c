using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace GanSharp.Runtime;

/// <summary>
/// Saves and loads module weights as PyTorch state dictionaries, the files that <c>torch.save(model.state_dict(), path)</c>
/// writes and <c>model.load_state_dict(torch.load(path))</c> reads. The keys are TorchSharp's parameter and buffer names,
/// which equal those of a <c>torch.nn</c> module built from the same submodules in the same order.
/// </summary>
/// <remarks>
/// The files are written and read with TorchSharp.PyBridge 1.4.4: a zip archive with <c>model/data.pkl</c> (the
/// pickled dictionary) and one raw little-endian entry per tensor under <c>model/data/</c>.
/// </remarks>
public static class PyTorchStateDict
{
    /// <summary>Writes the parameters and buffers of <paramref name="module"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        AtomicFile.Write(path, stream => module.save_py(stream, leaveOpen: true));
    }

    /// <summary>
    /// Returns the name, data type and shape of every tensor in a state dictionary file, sorted by name.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a PyTorch state dictionary.</exception>
    public static IReadOnlyList<StateDictEntry> ReadEntries(string path)
    {
        using var scope = NewDisposeScope();
        var state = Unpickle(path);
        return state
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new StateDictEntry(pair.Key, pair.Value.dtype, pair.Value.shape))
            .ToList();
    }

    /// <summary>
    /// Copies the tensors of a state dictionary file into the parameters and buffers of <paramref name="module"/>.
    /// The file must contain exactly the module's names, each with the module's shape, so a partial or mismatched file
    /// changes nothing. The module keeps its own parameter objects, so they stay trainable and stay in any optimizer
    /// that already references them.
    /// </summary>
    /// <param name="module">The module to fill; floating-point values are converted to its data type.</param>
    /// <param name="path">A file written by <see cref="Save"/> or by <c>torch.save(model.state_dict(), path)</c>.</param>
    /// <param name="role">Name of the network in messages, for example "generator".</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a state dictionary, or a name or a shape differs from the module's; the message names both shapes.
    /// </exception>
    public static void Load(nn.Module module, string path, string role)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var scope = NewDisposeScope();
        var source = Unpickle(path);
        var target = module.state_dict();
        var fileName = Path.GetFileName(path);

        var missing = target.Keys.Where(name => !source.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"Invalid {role} weights {path}: {fileName} lacks {string.Join(", ", missing)} of the {role}, and contains {FormatNames(source.Keys)}. "
                + $"Export the {role} of a model with the same architecture (see docs/PYTORCH.md).");
        }

        var unexpected = source.Keys.Where(name => !target.ContainsKey(name)).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidDataException(
                $"Invalid {role} weights {path}: {fileName} contains {string.Join(", ", unexpected)}, which the {role} does not have; it expects {FormatNames(target.Keys)}. "
                + $"Export the {role} of a model with the same architecture (see docs/PYTORCH.md).");
        }

        foreach (var (name, tensor) in target)
        {
            var loaded = source[name];

            // PyBridge 1.4.4 reads a zero-dimensional tensor, such as BatchNorm's num_batches_tracked, as shape [1].
            if (tensor.Dimensions == 0 && loaded.numel() == 1)
            {
                loaded = source[name] = loaded.reshape([]);
            }

            if (!loaded.shape.SequenceEqual(tensor.shape))
            {
                throw new InvalidDataException(
                    $"Invalid {role} weights {path}: {fileName} contains {name} of shape {FormatShape(loaded.shape)} but the {role} expects {FormatShape(tensor.shape)}. "
                    + "Train with options that give the same layer widths, latent dimension and data shape.");
            }

            if (loaded.is_floating_point() != tensor.is_floating_point())
            {
                throw new InvalidDataException(
                    $"Invalid {role} weights {path}: {fileName} contains {name} as {loaded.dtype} but the {role} expects {tensor.dtype}. "
                    + "Save the state dictionary without changing its data types.");
            }
        }

        // copy_ keeps each Parameter object, and with it requires_grad and the optimizer's reference.
        using var noGrad = no_grad();
        foreach (var (name, tensor) in target)
        {
            tensor.copy_(source[name]);
        }
    }

    /// <summary>Reads the dictionary of a state dictionary file; the tensors belong to the caller's dispose scope.</summary>
    private static Dictionary<string, Tensor> Unpickle(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file not found: {path}. Give the path of a .pt file written by torch.save or gansharp export.", path);
        }

        ThrowUnlessZipArchive(path);
        Hashtable table;
        try
        {
            using var stream = File.OpenRead(path);
            table = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: false);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or FileNotFoundException))
        {
            // PyBridge and the pickle reader fail with many exception types on a foreign file.
            throw new InvalidDataException(
                $"Invalid weights file {path}: it is not a PyTorch state dictionary ({exception.GetType().Name}: {exception.Message.Split('\n')[0]}). "
                + "Save it with torch.save(model.state_dict(), path).", exception);
        }

        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string name || entry.Value is not Tensor tensor)
            {
                throw new InvalidDataException(
                    $"Invalid weights file {path}: the entry {entry.Key} is not a named tensor. Save a state dictionary, not a whole model or optimizer.");
            }

            state[name] = tensor;
        }

        return state;
    }

    /// <summary>
    /// Rejects a file that is not a zip archive, the container of torch.save, before PyBridge reads it: for such a file
    /// PyBridge reports an old PyTorch format, which misleads when the file is a run's own TorchSharp-format weights.
    /// </summary>
    private static void ThrowUnlessZipArchive(string path)
    {
        Span<byte> header = stackalloc byte[4];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read == header.Length && header.SequenceEqual("PK\u0003\u0004"u8))
        {
            return;
        }

        throw new InvalidDataException(
            $"Invalid weights file {path}: it is not a PyTorch state dictionary, because torch.save writes a zip archive and this file "
            + (read == 0 ? "is empty. " : "is not one. ")
            + "A run's own generator.pt, discriminator.pt and checkpoints are in TorchSharp's format: convert the run with gansharp export, "
            + "or save the weights with torch.save(model.state_dict(), path).");
    }

    private static string FormatNames(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "no tensors" : string.Join(", ", list);
    }

    internal static string FormatShape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
