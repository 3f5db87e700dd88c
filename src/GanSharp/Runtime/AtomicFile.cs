using System.Text;

namespace GanSharp.Runtime;

/// <summary>
/// Writes files so that a reader sees either the previous content or the complete new content, never a
/// partly written file.
/// </summary>
/// <remarks>
/// Each method writes a hidden temporary file (<c>.NAME.RANDOM.tmp</c>) in the target's folder, flushes it
/// to disk and renames it over the target. On Linux and macOS the rename is atomic (<c>rename(2)</c>).
/// On Windows .NET calls <c>MoveFileEx</c> with <c>MOVEFILE_REPLACE_EXISTING</c>, which Windows does not
/// document as atomic. When writing fails, the temporary file is deleted and the exception propagates, so
/// the previous file at the path stays as it was. The target's folder is created when it is missing.
/// </remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Utf8WithoutBom.GetBytes(text);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes <paramref name="bytes"/> as the whole content of the file.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>
    /// Lets <paramref name="writer"/> fill a temporary file, then replaces <paramref name="path"/> with it.
    /// </summary>
    /// <param name="path">File to create or replace.</param>
    /// <param name="writer">
    /// Writes the content. It must leave the stream open, so wrap it with <c>leaveOpen: true</c>
    /// when using a <see cref="StreamWriter"/> or <see cref="BinaryWriter"/>.
    /// </param>
    /// <exception cref="InvalidOperationException">The writer closed the stream.</exception>
    public static void Write(string path, Action<Stream> writer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writer);

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
                        ?? throw new ArgumentException($"The path '{path}' names a root folder, not a file.", nameof(path));
        Directory.CreateDirectory(directory);

        var temporaryPath = Path.Combine(
            directory, $".{Path.GetFileName(fullPath)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writer(stream);
                if (!stream.CanWrite)
                {
                    throw new InvalidOperationException(
                        $"The writer for '{path}' closed the stream before it could be flushed; "
                        + "open StreamWriter or BinaryWriter with leaveOpen: true.");
                }

                stream.Flush(flushToDisk: true);
            }

            // NOTE: the folder entry is not flushed after the rename, so a power loss right after this call
            // can leave the previous file in place. The target is never left partly written.
            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporaryPath);
            throw;
        }
    }

    private static void DeleteQuietly(string temporaryPath)
    {
        try
        {
            File.Delete(temporaryPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The caller needs the original failure, not this one. A leftover ".tmp" file is harmless
            // because it is hidden and never read.
        }
    }
}
