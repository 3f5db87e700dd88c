using static TorchSharp.torch;

namespace GanSharp.Runtime;

/// <summary>Saves and loads module weights in TorchSharp's format, writing atomically.</summary>
public static class ModuleFiles
{
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
            throw new InvalidDataException(
                $"Invalid weights file {path}: {exception.Message.Split('\n')[0]} The file must come from a run with the same config.json.", exception);
        }
    }
}
