using System.Buffers.Binary;
using System.IO.Compression;

namespace GanSharp.Tests.Data;

/// <summary>A temporary folder for IDX test files, deleted on dispose.</summary>
internal sealed class IdxTestFiles : IDisposable
{
    public IdxTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "gansharp-idx-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Path of the folder that contains GanSharp.slnx, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null;
                 directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "GanSharp.slnx")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No GanSharp.slnx above {AppContext.BaseDirectory}.");
        }
    }

    public static string MnistImagesPath =>
        Path.Combine(RepositoryRoot, "data", "mnist", "mnist-images-idx3-ubyte.gz");

    public static string MnistLabelsPath =>
        Path.Combine(RepositoryRoot, "data", "mnist", "mnist-labels-idx1-ubyte.gz");

    /// <summary>Builds an IDX header with type code 0x08 and the given sizes, followed by <paramref name="data"/>.</summary>
    public static byte[] Encode(int[] dimensions, byte[] data, byte typeCode = 0x08)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        bytes[2] = typeCode;
        bytes[3] = (byte)dimensions.Length;
        for (var index = 0; index < dimensions.Length; index++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * index), dimensions[index]);
        }

        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    /// <summary>Writes <paramref name="bytes"/> to a file named <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes an IDX file, gzip-compressed when <paramref name="name"/> ends in .gz.</summary>
    public string WriteIdx(string name, int[] dimensions, byte[] data)
    {
        var bytes = Encode(dimensions, data);
        return Write(name, name.EndsWith(".gz", StringComparison.Ordinal) ? Gzip(bytes) : bytes);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless, so a failed cleanup must not fail the test.
        }
    }
}
