namespace GanSharp.Training;

/// <summary>
/// The <c>run.lock</c> file that lets one process at a time write a run folder. It contains the writer's process id
/// and is held open with <see cref="FileShare.None"/>, which .NET on Linux and macOS turns into an advisory
/// <c>flock</c>. The operating system drops the lock when the process ends, even by <c>kill -9</c>, so a lock file
/// left by a dead run is taken over.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = "run.lock";

    /// <summary>
    /// HResults of the <see cref="IOException"/> that .NET 10 raises when another process holds the lock: the errno
    /// EWOULDBLOCK on Linux (11) and macOS (35), ERROR_SHARING_VIOLATION on Windows. Other failures, such as a
    /// read-only or full disk, do not mean the lock is held.
    /// NOTE: only the Linux value is covered by the tests, which run on Linux.
    /// </summary>
    private static readonly int[] LockHeldResults = [11, 35, unchecked((int)0x80070020)];

    private readonly FileStream stream;

    private RunLock(FileStream stream, string path)
    {
        this.stream = stream;
        Path = path;
    }

    public string Path { get; }

    /// <summary>
    /// Takes the lock of <paramref name="runDirectory"/>, or throws <see cref="RunFolderInUseException"/> when a live
    /// process holds it.
    /// </summary>
    public static RunLock Acquire(string runDirectory)
    {
        var path = System.IO.Path.Combine(runDirectory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (LockHeldResults.Contains(exception.HResult))
        {
            throw new RunFolderInUseException(
                $"Run folder {runDirectory} is in use: another gansharp process holds {path}. Wait for it to finish or stop it first.",
                exception);
        }

        stream.SetLength(0);
        var pid = System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n");
        stream.Write(pid);
        stream.Flush(flushToDisk: true);
        return new RunLock(stream, path);
    }

    /// <summary>Releases the lock and deletes the file.</summary>
    public void Dispose()
    {
        // Deleting before closing keeps another process from locking a file that is about to disappear.
        try
        {
            File.Delete(Path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover lock file is harmless: the next run takes it over because nothing holds it.
        }

        stream.Dispose();
    }
}

/// <summary>Raised when another live process holds the <c>run.lock</c> of a run folder.</summary>
public sealed class RunFolderInUseException(string message, Exception innerException) : IOException(message, innerException);
