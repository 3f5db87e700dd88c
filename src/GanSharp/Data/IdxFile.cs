using System.Buffers.Binary;
using System.IO.Compression;

namespace GanSharp.Data;

/// <summary>
/// Contents of an IDX file, the format of MNIST, Fashion-MNIST and EMNIST. It stores the dimensions and
/// the unsigned-byte elements in row-major order.
/// </summary>
/// <remarks>
/// The header is two zero bytes, a type code, a dimension count, then one big-endian int32 size per
/// dimension. Only type code 0x08 (unsigned byte) and 1 to 4 dimensions are supported.
/// </remarks>
public sealed class IdxFile
{
    /// <summary>Type code of unsigned-byte elements, the only element type this reader supports.</summary>
    public const byte UnsignedByteTypeCode = 0x08;

    /// <summary>Maximum number of dimensions accepted in a header.</summary>
    public const int MaxDimensionCount = 4;

    private const int InitialGzipBufferLength = 1 << 16;

    /// <summary>Creates the contents from dimensions and row-major data whose length is their product.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive or the data length does not match.</exception>
    public IdxFile(string source, int[] dimensions, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(data);
        if (dimensions.Length is 0 or > MaxDimensionCount)
        {
            throw new ArgumentException(
                $"An IDX file has 1 to {MaxDimensionCount} dimensions, but {dimensions.Length} were given.",
                nameof(dimensions));
        }

        if (dimensions.Any(size => size <= 0))
        {
            throw new ArgumentException(
                $"IDX dimensions must be positive, but [{string.Join(", ", dimensions)}] were given.",
                nameof(dimensions));
        }

        if (CountElements(dimensions) != (ulong)data.LongLength)
        {
            throw new ArgumentException(
                $"Dimensions {FormatDimensions(dimensions)} need {CountElements(dimensions)} bytes, "
                + $"but the data has {data.LongLength}.",
                nameof(data));
        }

        Source = source;
        Dimensions = (int[])dimensions.Clone();
        Data = data;
    }

    /// <summary>Path of the file the contents were read from, used in error messages.</summary>
    public string Source { get; }

    /// <summary>Size of each dimension, outermost first, for example [count, rows, columns] for MNIST images.</summary>
    public int[] Dimensions { get; }

    /// <summary>Elements in row-major order. The array is shared, not copied.</summary>
    public byte[] Data { get; }

    /// <summary>
    /// Reads an IDX file, decompressing it with gzip when <paramref name="path"/> ends in <c>.gz</c>
    /// (case-insensitive). The extension alone decides, so a compressed file must be named with <c>.gz</c>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file exists at the path, or the path is a directory.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, has a wrong magic number, an unsupported type code, an invalid dimension count or
    /// size, fewer or more data bytes than the header declares, more data than one array can hold, or is not
    /// valid gzip. The message is one line that names the file, the bad value and the fix.
    /// </exception>
    public static IdxFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is a directory, not an IDX file. Pass the path of the IDX file inside it.", path);
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file not found: {path}. Check the path.", path);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        if (file.Length == 0)
        {
            throw Malformed(path, "the file is empty", "Download it again");
        }

        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return ReadContents(file, path, file.Length);
        }

        RequireGzipSignature(file, path);
        using var decompressed = new GZipStream(file, CompressionMode.Decompress);
        return ReadContents(decompressed, path, knownLength: null);
    }

    /// <summary>
    /// Parses the header and data from <paramref name="stream"/>. <paramref name="knownLength"/> is the
    /// stream's length when it is known in advance, as for an uncompressed file, and null for gzip.
    /// </summary>
    private static IdxFile ReadContents(Stream stream, string path, long? knownLength)
    {
        Span<byte> prefix = stackalloc byte[4];
        var prefixLength = ReadAtMost(stream, prefix, path);
        if (prefixLength == 0)
        {
            throw Malformed(path, "the decompressed data is empty", "Download the file again");
        }

        if (prefixLength < prefix.Length)
        {
            throw Malformed(path, $"the file ends after {prefixLength} bytes, inside the 4-byte magic number",
                            "Download it again");
        }

        var dimensionCount = ValidateMagic(prefix, path);
        var dimensions = ReadDimensions(stream, path, dimensionCount);
        var headerLength = 4L + 4L * dimensionCount;
        var expectedDataLength = CountElements(dimensions);

        byte[] data;
        if (knownLength is long fileLength)
        {
            RequireMatchingLength(path, dimensions, expectedDataLength, (ulong)(fileLength - headerLength));
            RequireArraySize(path, dimensions, expectedDataLength);
            data = new byte[(int)expectedDataLength];
            stream.ReadExactly(data);
        }
        else
        {
            RequireArraySize(path, dimensions, expectedDataLength);
            data = ReadBoundedData(stream, path, dimensions, (int)expectedDataLength);
        }

        return new IdxFile(path, dimensions, data);
    }

    /// <summary>Checks the magic number and returns the dimension count that it declares.</summary>
    private static int ValidateMagic(ReadOnlySpan<byte> prefix, string path)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (prefix[0] == 0x1F && prefix[1] == 0x8B)
        {
            throw Malformed(path, $"wrong magic number 0x{magic:X8}, because the file looks gzip-compressed",
                            "Name it with a .gz extension or decompress it");
        }

        if (prefix[0] != 0 || prefix[1] != 0)
        {
            throw Malformed(path, $"wrong magic number 0x{magic:X8}",
                            "An IDX file starts with two zero bytes, a type code and a dimension count, "
                            + "for example 0x00000803 for MNIST images, so check that this is an IDX file");
        }

        var typeCode = prefix[2];
        if (typeCode != UnsignedByteTypeCode)
        {
            throw Malformed(path, $"element type code 0x{typeCode:X2} ({DescribeTypeCode(typeCode)}) is not "
                                  + "supported, only 0x08 (unsigned byte) is",
                            "Convert the file to unsigned bytes");
        }

        int dimensionCount = prefix[3];
        if (dimensionCount is 0 or > MaxDimensionCount)
        {
            throw Malformed(path, $"dimension count {dimensionCount} in magic number 0x{magic:X8} is outside "
                                  + $"1..{MaxDimensionCount}",
                            "The header is corrupt, so download the file again");
        }

        return dimensionCount;
    }

    private static int[] ReadDimensions(Stream stream, string path, int dimensionCount)
    {
        Span<byte> sizes = stackalloc byte[4 * MaxDimensionCount];
        sizes = sizes[..(4 * dimensionCount)];
        var sizesLength = ReadAtMost(stream, sizes, path);
        if (sizesLength < sizes.Length)
        {
            throw Malformed(path, $"the header declares {dimensionCount} dimensions, which need {sizes.Length} "
                                  + $"bytes of sizes after the magic number, but only {sizesLength} follow",
                            "Download the file again");
        }

        var dimensions = new int[dimensionCount];
        for (var index = 0; index < dimensionCount; index++)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(sizes[(4 * index)..]);
            if (size <= 0)
            {
                throw Malformed(path, $"dimension {index} has size {size}, but every size must be positive",
                                "The header is corrupt, so download the file again");
            }

            dimensions[index] = size;
        }

        return dimensions;
    }

    private static void RequireMatchingLength(string path, int[] dimensions, UInt128 expected, UInt128 actual)
    {
        if (actual < expected)
        {
            throw Malformed(path, $"the data is truncated, because the header {FormatDimensions(dimensions)} "
                                  + $"declares {expected} data bytes but the file contains {actual}",
                            "Download it again");
        }

        if (actual > expected)
        {
            throw Malformed(path, $"header count does not match the data, because the header "
                                  + $"{FormatDimensions(dimensions)} declares {expected} data bytes but the file "
                                  + $"contains {actual}",
                            "Check that the file is not corrupt or concatenated with another");
        }
    }

    private static void RequireArraySize(string path, int[] dimensions, UInt128 expected)
    {
        if (expected > (UInt128)Array.MaxLength)
        {
            throw Malformed(path, $"the header {FormatDimensions(dimensions)} declares {expected} data bytes, "
                                  + $"more than the maximum of {Array.MaxLength} in one .NET array",
                            "Split the data set into smaller files");
        }
    }

    /// <summary>
    /// Reads exactly <paramref name="expectedLength"/> bytes from a stream of unknown length, growing the
    /// buffer as data arrives, so a header that declares far more data than the stream contains allocates
    /// only what was read. Then checks that the stream ends there.
    /// </summary>
    private static byte[] ReadBoundedData(Stream stream, string path, int[] dimensions, int expectedLength)
    {
        var buffer = new byte[Math.Min(expectedLength, InitialGzipBufferLength)];
        var filled = 0;
        while (filled < expectedLength)
        {
            if (filled == buffer.Length)
            {
                var grownLength = (int)Math.Min((long)buffer.Length * 2, expectedLength);
                Array.Resize(ref buffer, grownLength);
            }

            var read = ReadAtMost(stream, buffer.AsSpan(filled), path);
            filled += read;
            if (read == 0 || filled < buffer.Length)
            {
                break;
            }
        }

        if (filled < expectedLength)
        {
            RequireMatchingLength(path, dimensions, (uint)expectedLength, (uint)filled);
        }

        Span<byte> probe = stackalloc byte[1];
        if (ReadAtMost(stream, probe, path) > 0)
        {
            throw Malformed(path, $"header count does not match the data, because the header "
                                  + $"{FormatDimensions(dimensions)} declares {expectedLength} data bytes but the "
                                  + "decompressed data is longer",
                            "Check that the file is not corrupt or concatenated with another");
        }

        return buffer;
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> until it is full or the stream ends and returns the bytes read.
    /// Rewrites gzip decoding errors so that they name the file.
    /// </summary>
    private static int ReadAtMost(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException exception) when (stream is GZipStream)
        {
            throw Malformed(path, $"gzip decompression failed ({SingleLine(exception.Message)})",
                            "The file is corrupt, so download it again");
        }
    }

    private static void RequireGzipSignature(FileStream file, string path)
    {
        Span<byte> signature = stackalloc byte[2];
        var length = file.ReadAtLeast(signature, signature.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (length < 2 || signature[0] != 0x1F || signature[1] != 0x8B)
        {
            throw Malformed(path, "the name ends in .gz but the file does not start with the gzip signature 0x1F8B",
                            "If it is an uncompressed IDX file, remove the .gz extension");
        }
    }

    /// <summary>Returns the product of the dimensions, which fits in 128 bits for up to four int32 sizes.</summary>
    private static UInt128 CountElements(int[] dimensions)
    {
        UInt128 product = 1;
        foreach (var size in dimensions)
        {
            product *= (uint)size;
        }

        return product;
    }

    private static string DescribeTypeCode(byte typeCode) => typeCode switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "not an IDX type code",
    };

    private static string FormatDimensions(int[] dimensions) => $"[{string.Join(" x ", dimensions)}]";

    private static string SingleLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>Creates the one-line error for a malformed file from the problem and the fix, each without a final period.</summary>
    private static InvalidDataException Malformed(string path, string problem, string fix) =>
        new($"Invalid IDX file {path}: {problem}. {fix}.");
}
